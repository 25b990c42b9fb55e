import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { PATTERN_METADATA } from '@nestjs/microservices/constants';
import { Observable, tap } from 'rxjs';
import { DomainError } from '../errors/domain-error';
import type { ServiceMetrics } from '../metrics/service-metrics';
import { RequestContext } from './request-context';

function requestIdOf(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const requestId = (data as { requestId?: unknown }).requestId;
  return typeof requestId === 'string' ? requestId.slice(0, 128) : undefined;
}

/**
 * Runs each message handler inside the request id the sender attached, so its log lines carry it,
 * logs one debug line per handled message (pattern, outcome, duration) to trace a request across services,
 * and, given metrics, times it by pattern and outcome (ok, or the error code).
 */
@Injectable()
export class MessageContextInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Message');

  constructor(private readonly metrics?: ServiceMetrics) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const requestId = requestIdOf(context.switchToRpc().getData());
    // The handler's declared pattern: the transport contexts (Redis channel, NATS subject) each name it differently.
    const declared: unknown = Reflect.getMetadata(PATTERN_METADATA, context.getHandler());
    const pattern = Array.isArray(declared) && typeof declared[0] === 'string' ? declared[0] : undefined;
    return new Observable((subscriber) =>
      RequestContext.run(requestId, () => {
        const started = process.hrtime.bigint();
        const done = (outcome: string): void => {
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          this.logger.debug({ pattern, outcome, ms: Math.round(ms * 10) / 10 }, `handled ${pattern ?? 'message'}`);
          this.metrics?.observeHandled(pattern ?? 'unknown', ms / 1000, outcome);
        };
        return next
          .handle()
          .pipe(
            tap({
              complete: () => done('ok'),
              error: (error: unknown) => done(error instanceof DomainError ? error.code : 'INTERNAL'),
            }),
          )
          .subscribe(subscriber);
      }),
    );
  }
}
