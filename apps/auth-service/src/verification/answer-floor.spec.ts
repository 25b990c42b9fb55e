import { waitForFloor } from './answer-floor';

describe('waitForFloor', () => {
  it('resolves no sooner than the floor after the start', async () => {
    const startedAt = Date.now();
    await waitForFloor(startedAt, 40);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(39);
  });

  it('resolves at once when the floor has passed already', async () => {
    const before = Date.now();
    await waitForFloor(before - 1000, 40);
    expect(Date.now() - before).toBeLessThan(20);
  });
});
