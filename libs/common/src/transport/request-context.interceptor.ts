import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import { RequestContext } from './request-context';

/** Runs each message handler inside the request id the sender attached, so its log lines carry it. */
@Injectable()
export class MessageContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const data: unknown = context.switchToRpc().getData();
    const requestId =
      typeof data === 'object' && data !== null && typeof (data as { requestId?: unknown }).requestId === 'string'
        ? ((data as { requestId: string }).requestId as string).slice(0, 128)
        : undefined;
    return new Observable((subscriber) => RequestContext.run(requestId, () => next.handle().subscribe(subscriber)));
  }
}
