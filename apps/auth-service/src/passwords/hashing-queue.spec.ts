import { DomainError, ErrorCode } from '@app/common';
import { HashingQueue, HashingQueueLimits } from './hashing-queue';

function deferred(): { promise: Promise<string>; resolve: (value: string) => void } {
  let resolve!: (value: string) => void;
  const promise = new Promise<string>((done) => (resolve = done));
  return { promise, resolve };
}

function limits(overrides: Partial<HashingQueueLimits>): HashingQueueLimits {
  return { concurrency: 1, budgetMs: 60_000, maxWaiting: 10, maxWaitMs: 10_000, ...overrides };
}

const sleep = (ms: number): Promise<string> => new Promise((done) => setTimeout(() => done('slept'), ms));

describe('HashingQueue', () => {
  afterEach(() => jest.useRealTimers());

  it('runs at most `concurrency` jobs at once, then the waiting ones in order', async () => {
    const queue = new HashingQueue(limits({ concurrency: 2 }));
    const jobs = [deferred(), deferred(), deferred()];
    const started: number[] = [];
    const results = jobs.map((job, i) =>
      queue.run(() => {
        started.push(i);
        return job.promise;
      }),
    );
    expect(started).toEqual([0, 1]);
    expect(queue.load).toMatchObject({ running: 2, waiting: 1 });
    jobs[0].resolve('a');
    await results[0];
    expect(started).toEqual([0, 1, 2]);
    jobs[1].resolve('b');
    jobs[2].resolve('c');
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c']);
    expect(queue.load).toMatchObject({ running: 0, waiting: 0 });
  });

  it('refuses at once, as Unavailable, when the waiting line is full', async () => {
    const queue = new HashingQueue(limits({ maxWaiting: 1 }));
    const running = deferred();
    void queue.run(() => running.promise);
    void queue.run(() => Promise.resolve('waiting'));
    const refused = await queue.run(() => Promise.resolve('never')).catch((error: DomainError) => error);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe(ErrorCode.Unavailable);
    expect((refused as DomainError).retryAfterSeconds).toBe(1);
    running.resolve('done');
  });

  it('says in advance, by assertRoom, whether a job would be refused', async () => {
    const queue = new HashingQueue(limits({ maxWaiting: 1 }));
    const running = deferred();
    expect(() => queue.assertRoom()).not.toThrow();
    void queue.run(() => running.promise);
    expect(() => queue.assertRoom()).not.toThrow();
    void queue.run(() => Promise.resolve('waiting'));
    expect(() => queue.assertRoom()).toThrow(DomainError);
    running.resolve('done');
  });

  it('drops, unstarted, a job that waited longer than its caller will', async () => {
    jest.useFakeTimers({ now: 0 });
    const queue = new HashingQueue(limits({ maxWaitMs: 1000 }));
    const running = deferred();
    const first = queue.run(() => running.promise);
    const work = jest.fn(() => Promise.resolve('late'));
    const late = queue.run(work).catch((error: DomainError) => error.code);
    jest.setSystemTime(1500);
    running.resolve('done');
    await first;
    expect(await late).toBe(ErrorCode.Unavailable);
    expect(work).not.toHaveBeenCalled();
  });

  it('frees the slot when a job fails', async () => {
    const queue = new HashingQueue(limits({}));
    await expect(queue.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await queue.run(() => Promise.resolve('next'))).toBe('next');
  });

  it('admits waiting jobs while the expected wait (hash time × queued ÷ concurrency) is within the budget', async () => {
    const queue = new HashingQueue(limits({ concurrency: 2, budgetMs: 1000, maxWaiting: 1000 }));
    await Promise.all([queue.run(() => sleep(100)), queue.run(() => sleep(100))]);
    const hashMs = queue.load.hashMs;
    expect(hashMs).toBeGreaterThanOrEqual(90);
    const blockers = [deferred(), deferred()];
    for (const blocker of blockers) void queue.run(() => blocker.promise);
    const outcomes: Array<Promise<string>> = [];
    // Queue jobs until one is refused (the waiting line stops growing).
    while (outcomes.length < 1000) {
      const before = queue.load.waiting;
      outcomes.push(queue.run(() => Promise.resolve('queued')));
      if (queue.load.waiting === before) break;
    }
    const refused = await outcomes[outcomes.length - 1].catch((error: DomainError) => error);
    // Admitted: every n with hashMs × n ÷ 2 ≤ 1000; the next one is refused.
    expect(outcomes.length - 1).toBe(Math.floor((1000 * 2) / hashMs));
    expect((refused as DomainError).code).toBe(ErrorCode.Unavailable);
    expect((refused as DomainError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(() => queue.assertRoom()).toThrow(DomainError);
    for (const blocker of blockers) blocker.resolve('done');
    expect(await Promise.all(outcomes.slice(0, -1))).toEqual(outcomes.slice(0, -1).map(() => 'queued'));
  });
});
