import { Logger } from '@nestjs/common';
import { PollLoop } from './poll-loop';

describe('PollLoop', () => {
  let logger: { log: jest.Mock; error: jest.Mock };

  beforeEach(() => {
    jest.useFakeTimers();
    logger = { log: jest.fn(), error: jest.fn() };
  });

  afterEach(() => jest.useRealTimers());

  function loop(round: () => Promise<void>): PollLoop {
    return new PollLoop({ name: 'queue', intervalMs: 1000, logger: logger as unknown as Logger, round });
  }

  it('runs a round each interval, and one at once when nudged', async () => {
    const round = jest.fn(() => Promise.resolve());
    const subject = loop(round);
    subject.start();
    await jest.advanceTimersByTimeAsync(999);
    expect(round).toHaveBeenCalledTimes(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(round).toHaveBeenCalledTimes(1);
    subject.nudge();
    await jest.advanceTimersByTimeAsync(0);
    expect(round).toHaveBeenCalledTimes(2);
    await subject.stop(100);
  });

  it('never runs two rounds at once: a nudge during a round runs the next right after it', async () => {
    let finish!: () => void;
    let active = 0;
    let most = 0;
    const round = jest.fn(async () => {
      most = Math.max(most, ++active);
      if (round.mock.calls.length === 1) await new Promise<void>((done) => (finish = done));
      active--;
    });
    const subject = loop(round);
    subject.start(0);
    await jest.advanceTimersByTimeAsync(0);
    subject.nudge();
    subject.nudge();
    await jest.advanceTimersByTimeAsync(0);
    expect(round).toHaveBeenCalledTimes(1);
    finish();
    await jest.advanceTimersByTimeAsync(0);
    expect(round).toHaveBeenCalledTimes(2);
    expect(most).toBe(1);
    await subject.stop(100);
  });

  it('logs an outage once when it starts and once when it ends, and keeps polling through it', async () => {
    let failing = true;
    const round = jest.fn(() => (failing ? Promise.reject(new Error('down')) : Promise.resolve()));
    const subject = loop(round);
    subject.start(0);
    await jest.advanceTimersByTimeAsync(3000);
    expect(round).toHaveBeenCalledTimes(4);
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error.mock.calls[0][1]).toBe('queue failed; retrying at the next round');
    failing = false;
    await jest.advanceTimersByTimeAsync(2000);
    expect(logger.log).toHaveBeenCalledTimes(1);
    expect(logger.log).toHaveBeenCalledWith('queue works again');
    await subject.stop(100);
  });

  it('stops: no round after stop(), which waits at most its bound for the round under way', async () => {
    const round = jest.fn(() => new Promise<void>(() => undefined));
    const subject = loop(round);
    subject.start(0);
    await jest.advanceTimersByTimeAsync(0);
    let stopped = false;
    void subject.stop(500).then(() => (stopped = true));
    expect(subject.stopping).toBe(true);
    await jest.advanceTimersByTimeAsync(499);
    expect(stopped).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(stopped).toBe(true);
    subject.nudge();
    await jest.advanceTimersByTimeAsync(5000);
    expect(round).toHaveBeenCalledTimes(1);
  });
});
