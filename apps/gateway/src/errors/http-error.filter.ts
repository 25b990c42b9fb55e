import { DomainError, ErrorCode, RequestContext, httpStatusOf, publicErrorCode } from '@app/common';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { STATUS_CODES } from 'node:http';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
  /** Only the codes the contract fixes for clients to branch on (REAUTH_REQUIRED, ...). */
  code?: ErrorCode;
}

interface Rendered {
  status: number;
  body: ErrorBody;
  retryAfter?: number;
}

const logger = new Logger('HttpErrorFilter');

/**
 * Fastify's own body-limit error reaches the filter as Nest's HttpException(413, Fastify's wording);
 * it answers in the gateway's words, as every other 413 does.
 */
function fromFastify(exception: unknown): DomainError | undefined {
  if (!(exception instanceof HttpException) || exception.getStatus() !== 413) return undefined;
  return new DomainError(ErrorCode.PayloadTooLarge, 'Request body is larger than 16 KiB');
}

/** Turns any error into the contract's `{statusCode, error, message}` (plus `code` where the contract fixes one); unexpected ones never leak. */
export function renderError(error: unknown): Rendered {
  const exception = fromFastify(error) ?? error;
  if (exception instanceof DomainError) {
    const { status, error } = httpStatusOf(exception.code);
    const retryAfter = exception.retryAfterSeconds ?? (exception.code === ErrorCode.Unavailable ? 5 : undefined);
    const body: ErrorBody = { statusCode: status, error, message: exception.publicMessage };
    const code = publicErrorCode(exception.code);
    if (code) body.code = code;
    return { status, body, retryAfter };
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
export function sendError(reply: FastifyReply, rendered: Rendered): void {
  if (rendered.retryAfter !== undefined) reply.header('Retry-After', String(rendered.retryAfter));
  reply.status(rendered.status).send(rendered.body);
}

/** The gateway's one error filter for the JSON API. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (reply.sent) return;
    sendError(reply, renderError(exception));
  }
}
