import { RETRY_INITIAL_DELAY_MS, RETRY_MAX_DELAY_MS, retryDelayMs } from './retry-schedule';

describe('the outbox retry schedule', () => {
  const lowest = () => 0;
  const highest = () => 1;

  it('doubles from about a second', () => {
    expect([1, 2, 3, 4, 5].map((attempts) => retryDelayMs(attempts, highest))).toEqual([1000, 2000, 4000, 8000, 16_000]);
    expect([1, 2, 3].map((attempts) => retryDelayMs(attempts, lowest))).toEqual([500, 1000, 2000]);
    expect(RETRY_INITIAL_DELAY_MS).toBe(1000);
  });

  it('never waits more than ten minutes, however many attempts failed', () => {
    expect(RETRY_MAX_DELAY_MS).toBe(600_000);
    for (const attempts of [11, 12, 24, 100, 10_000]) {
      expect(retryDelayMs(attempts, highest)).toBe(600_000);
      expect(retryDelayMs(attempts, lowest)).toBe(300_000);
    }
    expect(retryDelayMs(10, highest)).toBe(512_000);
  });

  it('spreads retries over the upper half of each step (jitter)', () => {
    const delays = Array.from({ length: 200 }, () => retryDelayMs(6));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(16_000);
    expect(Math.max(...delays)).toBeLessThanOrEqual(32_000);
    // 200 draws from [16 s, 32 s]: far more than a handful of distinct values.
    expect(new Set(delays).size).toBeGreaterThan(50);
  });

  it('treats "no failed attempt yet" like the first', () => {
    expect(retryDelayMs(0, highest)).toBe(1000);
  });
});
