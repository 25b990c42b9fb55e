import { DynamicModule, Module } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { hostname } from 'node:os';
import { LoggerModule } from 'nestjs-pino';
import pino, { Logger as PinoInstance } from 'pino';
import type { Options as HttpLogOptions } from 'pino-http';
import pretty from 'pino-pretty';
import type { LogFormat } from '../config/environment';
import { RequestContext } from '../transport/request-context';

/** The levels LOG_LEVEL accepts (pino's, with `silent`). */
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** Container health probes hit these every few seconds: logging them would drown the real requests. */
const QUIET_PATHS = ['/health/live'];

function errorOf(err: unknown): string {
  return typeof err === 'object' && err !== null ? ` (${String((err as { message?: unknown }).message ?? 'error')})` : '';
}

/**
 * One line per event for a person reading a terminal: the service first, then time, level, the Nest
 * context, the message, and the event's other fields as compact JSON. Written synchronously, in this process (no worker).
 */
export function prettyDestination(output: NodeJS.WritableStream = process.stdout): pino.DestinationStream {
  return pretty({
    destination: output,
    sync: true,
    singleLine: true,
    // An error stays on its event's line as its message (LOG_FORMAT=json keeps the stack).
    ignore: 'service,time,level,pid,hostname,context,err',
    messageFormat: (log, messageKey) => {
      const level = pino.levels.labels[Number(log.level)] ?? String(log.level);
      const context = typeof log.context === 'string' ? `[${log.context}] ` : '';
      return `${String(log.service)} ${String(log.time).slice(11, 23)} ${level.toUpperCase().padEnd(5)} ${context}${String(log[messageKey] ?? '')}${errorOf(log.err)}`;
    },
  });
}

/**
 * The logger of one service: every line names the service and, inside a request or message, its
 * request id. JSON by default; `pretty` writes the same events as human-readable lines.
 */
export function createServiceLogger(
  service: string,
  level: LogLevel,
  destination?: pino.DestinationStream,
  format: LogFormat = 'json',
): PinoInstance {
  return pino(
    {
      level,
      base: { service, pid: process.pid, hostname: hostname() },
      timestamp: pino.stdTimeFunctions.isoTime,
      // The request id is read at write time, so a line logged anywhere under a request (or message) carries it.
      mixin: () => {
        const requestId = RequestContext.requestId();
        return requestId ? { requestId } : {};
      },
      // Credentials must never reach a log, whoever logs an object that holds them.
      redact: {
        paths: [
          'password',
          'newPassword',
          'currentPassword',
          'token',
          'refreshToken',
          'credential',
          '*.password',
          '*.token',
          '*.credential',
        ],
        censor: '[redacted]',
      },
    },
    destination ?? (format === 'pretty' ? prettyDestination() : undefined),
  );
}

/** A mailed link's `?token=` (a live reset or verification token) never reaches the access log. */
export function redactedUrl(url: string | undefined): string | undefined {
  return url?.replace(/([?&]token=)[^&#]*/gi, '$1[redacted]');
}

/** The HTTP access-log options: method, path and status only (cookies and Authorization stay out of the logs). */
function httpLogOptions(logger: PinoInstance): HttpLogOptions {
  return {
    logger,
    // The request-id middleware ran first; reuse its id rather than pino-http's counter.
    genReqId: (request: IncomingMessage) => RequestContext.requestId() ?? String(request.headers['x-request-id'] ?? ''),
    serializers: {
      req: (request: { method?: string; url?: string }) => ({ method: request.method, url: redactedUrl(request.url) }),
      res: (response: { statusCode?: number }) => ({ statusCode: response.statusCode }),
    },
    customLogLevel: (_request: IncomingMessage, response: ServerResponse, error?: Error) =>
      error || response.statusCode >= 500 ? 'error' : 'info',
    autoLogging: { ignore: (request: IncomingMessage) => QUIET_PATHS.includes(request.url ?? '') },
  };
}

/**
 * nestjs-pino for one service: `app.useLogger(app.get(Logger))` then sends Nest's own lines and every
 * `new Logger(context)` through it. With `http`, each HTTP request also gets one access-log line.
 */
@Module({})
export class StructuredLoggingModule {
  static forService(service: string, level: LogLevel, options: { http?: boolean; format?: LogFormat } = {}): DynamicModule {
    const logger = createServiceLogger(service, level, undefined, options.format);
    return {
      module: StructuredLoggingModule,
      imports: [
        LoggerModule.forRoot({
          // Without HTTP (the microservices) only the shared logger is used: no access log.
          pinoHttp: options.http ? httpLogOptions(logger) : { logger },
        }),
      ],
      exports: [LoggerModule],
    };
  }
}
