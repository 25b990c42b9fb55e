import { Logger } from '@nestjs/common';

export interface PollLoopOptions {
  /** What the logs call it: "outbox", "back-channel logout queue". */
  name: string;
  intervalMs: number;
  logger: Logger;
  /** One round of work. A throw ends the round; the next one comes after the interval. */
  round: () => Promise<void>;
}

/**
 * A replica's background loop: a round every `intervalMs`, or at once when nudged, never two at a
 * time. An outage (rounds that throw) is logged once when it starts and once when it ends, not once
 * per round. Its timer does not keep the process alive; stop() waits a bounded time for the round
 * under way.
 */
export class PollLoop {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private nudged = false;
  private stopped = true;
  private failing = false;

  constructor(private readonly options: PollLoopOptions) {}

  /** True once stop() was called: a round checks it between items to hand its work back. */
  get stopping(): boolean {
    return this.stopped;
  }

  start(firstDelayMs = this.options.intervalMs): void {
    this.stopped = false;
    this.schedule(firstDelayMs);
  }

  /** A round now, or right after the one under way. */
  nudge(): void {
    if (this.stopped) return;
    if (this.running) this.nudged = true;
    else this.schedule(0);
  }

  /** No more rounds; waits up to `waitMs` for the one under way. */
  async stop(waitMs: number): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    if (!this.running) return;
    let bound: NodeJS.Timeout | undefined;
    await Promise.race([this.running, new Promise<void>((done) => (bound = setTimeout(done, waitMs)))]);
    clearTimeout(bound);
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delayMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    this.running = this.guarded();
    await this.running;
    this.running = undefined;
    if (this.stopped) return;
    const again = this.nudged;
    this.nudged = false;
    this.schedule(again ? 0 : this.options.intervalMs);
  }

  private async guarded(): Promise<void> {
    const { name, logger, round } = this.options;
    try {
      await round();
      if (this.failing) logger.log(`${name} works again`);
      this.failing = false;
    } catch (error) {
      if (!this.failing) logger.error({ err: error }, `${name} failed; retrying at the next round`);
      this.failing = true;
    }
  }
}
