import { Logger } from '@nestjs/common';
import { MessageHandler, Server } from '@nestjs/microservices';
import { Observable, defer, interval, isObservable, map, merge, mergeMap, of, share, startWith, takeUntil, tap } from 'rxjs';
import type { ServiceMetrics } from '../metrics/service-metrics';
import { RequestContext } from './request-context';

/**
 * What a service wraps around every message it handles, guards included (the auth-service opens a
 * MikroORM context per message here).
 */
export type MessageScope = <T>(handle: () => Promise<T>) => Promise<T>;

/**
 * The replies that precede the result of a message that may wait in a queue (`acknowledged` below):
 * "received, still waiting", one at once and one every `receiptIntervalMs` until the result. Its caller
 * bounds every gap by the transport timeout and the whole by the queue's budget, so a message or a
 * reply lost in transit (a NATS server dying under either end) fails as fast as any other, not after
 * the whole budget. Callers drop them (RpcClient); the last reply is the result.
 */
export const RECEIPT = Object.freeze({ received: true });

export function isReceipt(value: unknown): boolean {
  return (
    typeof value === 'object' && value !== null && (value as { received?: unknown }).received === true && Object.keys(value).length === 1
  );
}

function requestIdOf(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const requestId = (data as { requestId?: unknown }).requestId;
  return typeof requestId === 'string' ? requestId.slice(0, 128) : undefined;
}

/** A handler's failure leaves the exception filter as `{code, message}`: the code is the outcome. */
function outcomeOf(error: unknown): string {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : 'INTERNAL';
}

/**
 * Wraps every registered message handler of a server, once, at start-up: each message runs inside the
 * request id its sender attached (so log lines and onward messages carry it, from the guards on), inside
 * the service's MessageScope, is logged at debug level and timed by pattern and outcome.
 *
 * Done here rather than as a Nest interceptor: an interceptor wraps only the handler (not the guards),
 * and Nest binds fresh async resources and RxJS pipelines for every interceptor of every message, which
 * the profile of the admin path showed as a measurable share of each service's CPU.
 */
export function instrumentMessageHandlers(
  server: Pick<Server, 'getHandlers'>,
  metrics: ServiceMetrics,
  scope?: MessageScope,
  /** Patterns answered with RECEIPTs (at once, then every `receiptIntervalMs`) until their result: those that may wait in a queue. */
  acknowledged: { patterns: readonly string[]; receiptIntervalMs: number } = { patterns: [], receiptIntervalMs: 1000 },
): void {
  const logger = new Logger('Message');
  const within: MessageScope = scope ?? ((handle) => handle());
  for (const [pattern, handler] of server.getHandlers()) {
    const handle: MessageHandler = (data, context) =>
      RequestContext.run(
        requestIdOf(data),
        async () => {
          const started = process.hrtime.bigint();
          const done = (outcome: string): void => {
            const ms = Number(process.hrtime.bigint() - started) / 1e6;
            logger.debug({ pattern, outcome, ms: Math.round(ms * 10) / 10 }, `handled ${pattern}`);
            metrics.observeHandled(pattern, ms / 1000, outcome);
          };
          const result: unknown = await within(() => handler(data, context));
          if (!isObservable(result)) {
            done('ok');
            return result;
          }
          return result.pipe(tap({ complete: () => done('ok'), error: (error: unknown) => done(outcomeOf(error)) }));
        },
        pattern,
      ) as ReturnType<MessageHandler>;
    const instrumented: MessageHandler = acknowledged.patterns.includes(pattern)
      ? async (data, context) => {
          const result$ = defer(() => handle(data, context)).pipe(
            mergeMap((result: unknown) => (isObservable(result) ? result : of(result))),
            share(),
          );
          const receipts$ = interval(acknowledged.receiptIntervalMs).pipe(
            map(() => RECEIPT),
            startWith(RECEIPT),
            takeUntil(result$),
          );
          return merge(receipts$, result$) as Observable<unknown>;
        }
      : handle;
    server
      .getHandlers()
      .set(pattern, Object.assign(instrumented, { isEventHandler: handler.isEventHandler, extras: handler.extras, next: handler.next }));
  }
}
