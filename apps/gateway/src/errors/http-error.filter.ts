import { DomainError, ErrorCode, RequestContext, httpStatusOf } from '@app/common';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { STATUS_CODES } from 'node:http';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
}

interface Rendered {
  status: number;
  body: ErrorBody;
  retryAfter?: number;
}

const logger = new Logger('HttpErrorFilter');

/** Turns any error into the contract's `{statusCode, error, message}`; unexpected ones never leak. */
export function renderError(exception: unknown): Rendered {
  if (exception instanceof DomainError) {
    const { status, error } = httpStatusOf(exception.code);
    const retryAfter = exception.retryAfterSeconds ?? (exception.code === ErrorCode.Unavailable ? 5 : undefined);
    return { status, body: { statusCode: status, error, message: exception.publicMessage }, retryAfter };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const message =
      typeof response === 'object' && response !== null && 'message' in response
        ? (response as { message: string | string[] }).message
        : exception.message;
    return { status, body: { statusCode: status, error: STATUS_CODES[status] ?? 'Error', message } };
  }
  const requestId = RequestContext.requestId();
  logger.error({ err: exception, requestId }, exception instanceof Error ? exception.stack : String(exception));
  const status = HttpStatus.INTERNAL_SERVER_ERROR;
  return {
    status,
    body: { statusCode: status, error: 'Internal Server Error', message: `Internal server error (request ${requestId ?? 'unknown'})` },
  };
}

/** Writes a rendered error as JSON, with Retry-After where it applies. */
export function sendError(response: Response, rendered: Rendered): void {
  if (rendered.retryAfter !== undefined) response.setHeader('Retry-After', String(rendered.retryAfter));
  response.status(rendered.status).json(rendered.body);
}

/** The gateway's one error filter for the JSON API. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) return;
    sendError(response, renderError(exception));
  }
}
