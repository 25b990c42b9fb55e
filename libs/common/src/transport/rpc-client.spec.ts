import { ClientProxy } from '@nestjs/microservices';
import { NEVER, Observable, concat, delay, interval, map, merge, of, takeUntil, timer } from 'rxjs';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';
import { RECEIPT } from './message-handlers';
import { RpcClient } from './rpc-client';

type Contract = {
  'auth.login': { payload: { username: string }; result: { ok: boolean } };
  'auth.me': { payload: object; result: { id: string } };
};

/** A ClientProxy whose every request is answered by `reply` (the only thing RpcClient uses is `send`). */
function proxyAnswering(reply: () => Observable<unknown>): ClientProxy {
  return { send: () => reply(), close: async () => undefined } as unknown as ClientProxy;
}

const failure = (promise: Promise<unknown>): Promise<DomainError> =>
  promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: DomainError) => error,
  );

describe('RpcClient', () => {
  it('drops the receipts of a queued pattern and waits, while they come, up to the queue bound for the result', async () => {
    // Receipts every 50 ms, the result after 300 ms: longer than the transport timeout (100 ms), within the queue bound.
    const client = new RpcClient<Contract>(
      proxyAnswering(() =>
        merge(
          interval(50).pipe(
            map(() => RECEIPT),
            takeUntil(timer(300)),
          ),
          timer(300).pipe(map(() => ({ ok: true }))),
        ),
      ),
      100,
      undefined,
      { 'auth.login': 1000 },
    );
    await expect(client.send('auth.login', { username: 'a' })).resolves.toEqual({ ok: true });
  });

  it('fails a queued pattern at the transport timeout when the receipts stop (a message or reply lost), not at the queue bound', async () => {
    const client = new RpcClient<Contract>(
      proxyAnswering(() => concat(of(RECEIPT), NEVER)),
      100,
      undefined,
      { 'auth.login': 5000 },
    );
    const started = Date.now();
    expect((await failure(client.send('auth.login', { username: 'a' }))).code).toBe(ErrorCode.Unavailable);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('fails a queued pattern at its own bound even while receipts keep coming', async () => {
    const client = new RpcClient<Contract>(
      proxyAnswering(() => interval(20).pipe(map(() => RECEIPT))),
      100,
      undefined,
      { 'auth.login': 300 },
    );
    expect((await failure(client.send('auth.login', { username: 'a' }))).code).toBe(ErrorCode.Unavailable);
  });

  it('fails a queued pattern that never arrived (no receipt) at the transport timeout, not the queue bound', async () => {
    const client = new RpcClient<Contract>(
      proxyAnswering(() => NEVER),
      100,
      undefined,
      { 'auth.login': 5000 },
    );
    const started = Date.now();
    const error = await failure(client.send('auth.login', { username: 'a' }));
    expect(error.code).toBe(ErrorCode.Unavailable);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('bounds every other pattern by the transport timeout', async () => {
    const client = new RpcClient<Contract>(
      proxyAnswering(() => of({ id: 'x' }).pipe(delay(300))),
      100,
      undefined,
      { 'auth.login': 5000 },
    );
    expect((await failure(client.send('auth.me', {}))).code).toBe(ErrorCode.Unavailable);
  });

  it('answers Unavailable when a stream ends with only a receipt', async () => {
    const client = new RpcClient<Contract>(
      proxyAnswering(() => of(RECEIPT)),
      100,
      undefined,
      { 'auth.login': 1000 },
    );
    expect((await failure(client.send('auth.login', { username: 'a' }))).code).toBe(ErrorCode.Unavailable);
  });
});
