import { INestApplicationContext, Logger } from '@nestjs/common';

/** How long in-flight work may take to finish once a stop signal arrived. */
export const SHUTDOWN_DEADLINE_MS = 10_000;

const SIGNALS: NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];

/**
 * Stops the application on SIGTERM/SIGINT and exits 0. Nest's own `enableShutdownHooks()` re-raises
 * the signal after closing, so the process ends "killed by SIGTERM" (no exit code) and supervisors
 * count a clean stop as a crash. `app.close()` runs every shutdown hook: the HTTP server stops
 * accepting and drains in-flight requests, then Redis, the database and the transport close.
 * Past the deadline the process exits 1 rather than hang.
 */
export function exitCleanlyOnSignals(app: INestApplicationContext, name: string, deadlineMs = SHUTDOWN_DEADLINE_MS): void {
  const logger = new Logger(name);
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: finishing in-flight work`);
    const deadline = setTimeout(() => {
      logger.error(`did not stop within ${deadlineMs} ms; exiting`);
      process.exit(1);
    }, deadlineMs);
    deadline.unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error(`shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  for (const signal of SIGNALS) process.once(signal, stop);
}
