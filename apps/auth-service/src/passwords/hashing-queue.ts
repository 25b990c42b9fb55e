import { DomainError, ErrorCode } from '@app/common';

interface Waiting {
  enqueuedAt: number;
  start: () => void;
  reject: (error: Error) => void;
}

/** What the queue is bounded by: a latency budget, a hard cap on waiting jobs, and the age past which a caller has given up. */
export interface HashingQueueLimits {
  /** Hashes at once (one per core). */
  concurrency: number;
  /** Expected wait (ms) a new job may still be admitted with: measured hash time × queued hashes ÷ concurrency. */
  budgetMs: number;
  /** A hard cap on waiting jobs (memory), whatever the budget says. */
  maxWaiting: number;
  /** A waiting job older than this is dropped unstarted: its caller's request has timed out. */
  maxWaitMs: number;
}

/** How much a new measurement moves the hash time (an exponentially weighted moving average). */
const SMOOTHING = 0.2;

function busy(retryAfterSeconds: number): DomainError {
  return new DomainError(ErrorCode.Unavailable, 'Too many logins at once; try again shortly', retryAfterSeconds);
}

/**
 * Admission control for bcrypt by a latency budget. At most `concurrency` hashes run at once; a new
 * job waits when the wait it can expect (the measured time of one hash × the hashes queued ahead of it,
 * itself included, ÷ concurrency) is within `budgetMs`, so a burst of people logging in at once is
 * queued and answered, while a flood is refused at once (503 with Retry-After: when the queue will have
 * drained) instead of queueing work nobody would receive. A waiting job older than `maxWaitMs` is dropped
 * unstarted: its caller's request will have timed out, so hashing it would only steal CPU.
 */
export class HashingQueue {
  private running = 0;
  private readonly waiting: Waiting[] = [];
  /** Measured time of one hash (ms, moving average); 0 until the first one is measured. */
  private hashMs = 0;

  constructor(private readonly limits: HashingQueueLimits) {}

  run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running < this.limits.concurrency) return this.execute(work);
    const refusal = this.refusal();
    if (refusal) return Promise.reject(refusal);
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ enqueuedAt: Date.now(), reject, start: () => void this.execute(work).then(resolve, reject) });
    });
  }

  /**
   * Refuses now, as `run` would, when a new job could neither start nor wait: lets a caller skip the
   * work it would do before hashing (a throttle check, a database read) for a request that cannot be served.
   */
  assertRoom(): void {
    if (this.running < this.limits.concurrency) return;
    const refusal = this.refusal();
    if (refusal) throw refusal;
  }

  /** Jobs running and waiting, and the measured time of one hash (ms), for tests and metrics. */
  get load(): { running: number; waiting: number; hashMs: number } {
    return { running: this.running, waiting: this.waiting.length, hashMs: this.hashMs };
  }

  /** The wait a job queued now can expect before it starts. */
  private expectedWaitMs(): number {
    if (this.running < this.limits.concurrency) return 0;
    return (this.hashMs * (this.waiting.length + 1)) / this.limits.concurrency;
  }

  private refusal(): DomainError | null {
    const expected = this.expectedWaitMs();
    if (this.waiting.length < this.limits.maxWaiting && expected <= this.limits.budgetMs) return null;
    return busy(Math.max(1, Math.ceil(expected / 1000)));
  }

  private async execute<T>(work: () => Promise<T>): Promise<T> {
    this.running++;
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.measure(performance.now() - started);
      this.running--;
      this.startNext();
    }
  }

  private measure(ms: number): void {
    this.hashMs = this.hashMs === 0 ? ms : this.hashMs + SMOOTHING * (ms - this.hashMs);
  }

  private startNext(): void {
    while (this.running < this.limits.concurrency && this.waiting.length > 0) {
      const job = this.waiting.shift() as Waiting;
      if (Date.now() - job.enqueuedAt > this.limits.maxWaitMs) job.reject(busy(1));
      else job.start();
    }
  }
}
