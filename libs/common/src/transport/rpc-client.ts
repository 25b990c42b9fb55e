import { OnApplicationShutdown } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { TimeoutError, filter, lastValueFrom, takeUntil, throwError, timeout, timer, mergeMap } from 'rxjs';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';
import { isReceipt } from './message-handlers';
import { RequestContext } from './request-context';

/** What a contract is: pattern → the payload it takes and the result it answers. */
export type ContractShape<C> = { [K in keyof C]: { payload: object; result: unknown } };
/** A payload as a caller writes it: the request id is added by the client. */
export type OutgoingPayload<P> = Omit<P, 'requestId'>;
/** Observes every round trip (for metrics). */
export type RoundTripObserver = (pattern: string, seconds: number, outcome: 'ok' | 'error' | 'timeout') => void;

const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/**
 * The one client of every service, and the one place that touches a ClientProxy: typed by a contract
 * (`send(pattern, payload)` accepts only that pattern's payload and returns its result), bounded by a
 * timeout (one for every pattern, unless the pattern has its own), and turning every transport failure into a DomainError (a timeout or a broken link is
 * Unavailable, never a hang).
 */
export class RpcClient<C extends ContractShape<C>> implements OnApplicationShutdown {
  constructor(
    private readonly proxy: ClientProxy,
    private readonly timeoutMs: number,
    private readonly observe?: RoundTripObserver,
    /** Patterns that may take longer than `timeoutMs` (those that wait in a queue), with their own bound. */
    private readonly patternTimeoutsMs: Readonly<Record<string, number>> = {},
  ) {}

  async send<K extends keyof C & string>(pattern: K, payload: OutgoingPayload<C[K]['payload']>): Promise<C[K]['result']> {
    const started = process.hrtime.bigint();
    const message = { ...payload, requestId: RequestContext.requestId() };
    try {
      const queued = this.patternTimeoutsMs[pattern];
      const replies = this.proxy.send<C[K]['result']>(pattern, message).pipe(timeout({ each: this.timeoutMs }));
      // A pattern that may wait in a queue is answered with receipts until its result: the transport
      // timeout bounds each gap (a lost message or reply fails as fast as any), its own bound the whole.
      const bounded =
        queued === undefined
          ? replies
          : replies.pipe(
              takeUntil(timer(queued).pipe(mergeMap(() => throwError(() => new TimeoutError())))),
              filter((reply) => !isReceipt(reply)),
            );
      const result = await lastValueFrom(bounded);
      this.record(pattern, started, 'ok');
      return result;
    } catch (error) {
      this.record(pattern, started, error instanceof TimeoutError ? 'timeout' : 'error');
      throw RpcClient.translate(error);
    }
  }

  async close(): Promise<void> {
    await this.proxy.close();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  private record(pattern: string, started: bigint, outcome: 'ok' | 'error' | 'timeout'): void {
    this.observe?.(pattern, Number(process.hrtime.bigint() - started) / 1e9, outcome);
  }

  private static translate(error: unknown): DomainError {
    if (error instanceof DomainError) return error;
    if (error instanceof TimeoutError) {
      return new DomainError(ErrorCode.Unavailable, 'A service did not answer in time', UNAVAILABLE_RETRY_AFTER_SECONDS);
    }
    // A service's error arrives as a plain `{code, message}` object; an Error instance with a `code`
    // (ECONNREFUSED, ...) is this process's own link to the transport failing, so: Unavailable, not Internal.
    if (typeof error === 'object' && error !== null && !(error instanceof Error) && 'code' in error) return DomainError.fromWire(error);
    return new DomainError(ErrorCode.Unavailable, 'A service is unavailable', UNAVAILABLE_RETRY_AFTER_SECONDS);
  }
}
