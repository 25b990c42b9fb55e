import { DomainError, ErrorCode } from '@app/common';

interface Waiting {
  enqueuedAt: number;
  start: () => void;
  reject: (error: Error) => void;
}

function busy(): DomainError {
  return new DomainError(ErrorCode.Unavailable, 'Too many logins at once; try again shortly', 1);
}

/**
 * Admission control for bcrypt. At most `concurrency` hashes run at once (one per core), at most
 * `maxWaiting` wait, and a waiting job older than `maxWaitMs` is dropped unstarted: its caller's
 * request will have timed out, so hashing it would only steal CPU from logins someone still awaits.
 * The excess is refused at once (503, Retry-After 1) instead of queueing without bound.
 */
export class HashingQueue {
  private running = 0;
  private readonly waiting: Waiting[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly maxWaiting: number,
    private readonly maxWaitMs: number,
  ) {}

  run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running < this.concurrency) return this.execute(work);
    if (this.waiting.length >= this.maxWaiting) return Promise.reject(busy());
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ enqueuedAt: Date.now(), reject, start: () => void this.execute(work).then(resolve, reject) });
    });
  }

  /**
   * Refuses now, as `run` would, when a new job could neither start nor wait: lets a caller skip the
   * work it would do before hashing (a throttle check, a database read) for a request that cannot be served.
   */
  assertRoom(): void {
    if (this.running >= this.concurrency && this.waiting.length >= this.maxWaiting) throw busy();
  }

  /** Jobs running and waiting, for tests and metrics. */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  private async execute<T>(work: () => Promise<T>): Promise<T> {
    this.running++;
    try {
      return await work();
    } finally {
      this.running--;
      this.startNext();
    }
  }

  private startNext(): void {
    while (this.running < this.concurrency && this.waiting.length > 0) {
      const job = this.waiting.shift() as Waiting;
      if (Date.now() - job.enqueuedAt > this.maxWaitMs) job.reject(busy());
      else job.start();
    }
  }
}
