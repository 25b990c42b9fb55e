import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

interface RequestContextState {
  requestId: string;
  /** The message pattern being handled (services only). */
  pattern?: string;
}

const storage = new AsyncLocalStorage<RequestContextState>();

/** Carries the request id through async calls so logs and outgoing messages can name it. */
export const RequestContext = {
  run<T>(requestId: string | undefined, fn: () => T, pattern?: string): T {
    return storage.run({ requestId: requestId || randomUUID(), pattern }, fn);
  },
  requestId(): string | undefined {
    return storage.getStore()?.requestId;
  },
  pattern(): string | undefined {
    return storage.getStore()?.pattern;
  },
};
