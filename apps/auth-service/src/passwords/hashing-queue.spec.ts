import { DomainError, ErrorCode } from '@app/common';
import { HashingQueue } from './hashing-queue';

function deferred(): { promise: Promise<string>; resolve: (value: string) => void } {
  let resolve!: (value: string) => void;
  const promise = new Promise<string>((done) => (resolve = done));
  return { promise, resolve };
}

describe('HashingQueue', () => {
  afterEach(() => jest.useRealTimers());

  it('runs at most `concurrency` jobs at once, then the waiting ones in order', async () => {
    const queue = new HashingQueue(2, 10, 10_000);
    const jobs = [deferred(), deferred(), deferred()];
    const started: number[] = [];
    const results = jobs.map((job, i) =>
      queue.run(() => {
        started.push(i);
        return job.promise;
      }),
    );
    expect(started).toEqual([0, 1]);
    expect(queue.load).toEqual({ running: 2, waiting: 1 });
    jobs[0].resolve('a');
    await results[0];
    expect(started).toEqual([0, 1, 2]);
    jobs[1].resolve('b');
    jobs[2].resolve('c');
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c']);
    expect(queue.load).toEqual({ running: 0, waiting: 0 });
  });

  it('refuses at once, as Unavailable, when the waiting line is full', async () => {
    const queue = new HashingQueue(1, 1, 10_000);
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
    const queue = new HashingQueue(1, 1, 10_000);
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
    const queue = new HashingQueue(1, 10, 1000);
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
    const queue = new HashingQueue(1, 10, 10_000);
    await expect(queue.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await queue.run(() => Promise.resolve('next'))).toBe('next');
  });
});
