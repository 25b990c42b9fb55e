import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

interface RequestContextState {
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContextState>();

/** Carries the request id through async calls so logs and outgoing messages can name it. */
export const RequestContext = {
  run<T>(requestId: string | undefined, fn: () => T): T {
    return storage.run({ requestId: requestId || randomUUID() }, fn);
  },
  requestId(): string | undefined {
    return storage.getStore()?.requestId;
  },
};
