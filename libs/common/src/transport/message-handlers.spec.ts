import { MessageHandler } from '@nestjs/microservices';
import { Observable, lastValueFrom, of, throwError, toArray } from 'rxjs';
import type { ServiceMetrics } from '../metrics/service-metrics';
import { MessageScope, RECEIPT, instrumentMessageHandlers, isReceipt } from './message-handlers';
import { RequestContext } from './request-context';

function serverWith(handlers: Record<string, MessageHandler>): { getHandlers: () => Map<string, MessageHandler> } {
  const map = new Map(Object.entries(handlers));
  return { getHandlers: () => map };
}

function recordingMetrics(): { metrics: ServiceMetrics; observed: Array<[string, string]> } {
  const observed: Array<[string, string]> = [];
  const metrics = { observeHandled: (pattern: string, _seconds: number, outcome: string) => observed.push([pattern, outcome]) };
  return { metrics: metrics as unknown as ServiceMetrics, observed };
}

describe('instrumentMessageHandlers', () => {
  it('runs each handler inside the sender’s request id and the handled pattern, and times it as ok', async () => {
    const seen: Array<string | undefined> = [];
    const server = serverWith({
      'auth.me': async () => {
        seen.push(RequestContext.requestId(), RequestContext.pattern());
        return of({ ok: true });
      },
    });
    const { metrics, observed } = recordingMetrics();
    instrumentMessageHandlers(server, metrics);

    const reply = await server.getHandlers().get('auth.me')!({ requestId: 'req-1' });
    await expect(lastValueFrom(reply as never)).resolves.toEqual({ ok: true });
    expect(seen).toEqual(['req-1', 'auth.me']);
    expect(observed).toEqual([['auth.me', 'ok']]);
  });

  it('records a failed handler under the error code the exception filter sent', async () => {
    const server = serverWith({ 'auth.admin.users.list': async () => throwError(() => ({ code: 'FORBIDDEN', message: 'no' })) });
    const { metrics, observed } = recordingMetrics();
    instrumentMessageHandlers(server, metrics);

    const reply = await server.getHandlers().get('auth.admin.users.list')!({});
    await expect(lastValueFrom(reply as never)).rejects.toEqual({ code: 'FORBIDDEN', message: 'no' });
    expect(observed).toEqual([['auth.admin.users.list', 'FORBIDDEN']]);
  });

  it('wraps the service’s scope around the whole handler and keeps the handler’s flags', async () => {
    const order: string[] = [];
    const handler: MessageHandler = Object.assign(async () => order.push('handler'), { isEventHandler: true, extras: { a: 1 } });
    const server = serverWith({ 'auth.revoked': handler });
    const scope: MessageScope = async (handle) => {
      order.push('enter');
      const result = await handle();
      order.push('leave');
      return result;
    };
    instrumentMessageHandlers(server, recordingMetrics().metrics, scope);

    const wrapped = server.getHandlers().get('auth.revoked')!;
    await wrapped({});
    expect(order).toEqual(['enter', 'handler', 'leave']);
    expect(wrapped.isEventHandler).toBe(true);
    expect(wrapped.extras).toEqual({ a: 1 });
    expect(wrapped).not.toBe(handler);
  });
});

describe('instrumentMessageHandlers with acknowledged patterns', () => {
  it('answers an acknowledged pattern with receipts (at once, then every interval) until its result; others with the result only', async () => {
    const server = serverWith({
      'auth.login': async () => new Promise((done) => setTimeout(() => done({ sessionId: 's' }), 250)),
      'auth.me': async () => ({ id: 'u' }),
    });
    instrumentMessageHandlers(server, recordingMetrics().metrics, undefined, { patterns: ['auth.login'], receiptIntervalMs: 100 });

    const login = await server.getHandlers().get('auth.login')!({ requestId: 'r' });
    await expect(lastValueFrom((login as Observable<unknown>).pipe(toArray()))).resolves.toEqual([
      RECEIPT,
      RECEIPT,
      RECEIPT,
      { sessionId: 's' },
    ]);
    expect(isReceipt(RECEIPT)).toBe(true);
    expect(isReceipt({ received: true, other: 1 })).toBe(false);
    await expect(server.getHandlers().get('auth.me')!({})).resolves.toEqual({ id: 'u' });
  });
});
