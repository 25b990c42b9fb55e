import { Catch, Logger, RpcExceptionFilter } from '@nestjs/common';
import { Observable, throwError } from 'rxjs';
import { dependencyFailure } from './dependency-failure';
import { DomainError } from './domain-error';
import { ErrorCode } from './error-code';
import { RequestContext } from '../transport/request-context';

/**
 * Sends every error of a message handler over the transport as `{code, message}`.
 * A Redis or database outage leaves as Unavailable (503, the client retries); other unexpected errors
 * are logged here and leave as a bare Internal: no stack, SQL or key text travels.
 */
@Catch()
export class DomainRpcExceptionFilter implements RpcExceptionFilter<unknown> {
  private readonly logger = new Logger('RpcExceptionFilter');

  catch(exception: unknown): Observable<never> {
    if (exception instanceof DomainError) return throwError(() => exception.toWire());
    const pattern = RequestContext.pattern();
    const unavailable = dependencyFailure(exception);
    if (unavailable) {
      this.logger.warn({ pattern }, `dependency unavailable: ${exception instanceof Error ? exception.message : String(exception)}`);
      return throwError(() => unavailable.toWire());
    }
    this.logger.error({ err: exception, pattern }, exception instanceof Error ? exception.stack : String(exception));
    return throwError(() => new DomainError(ErrorCode.Internal, 'Internal server error').toWire());
  }
}
