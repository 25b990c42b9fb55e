import { Logger } from '@nestjs/common';
import { dependencyFailure } from '../errors/dependency-failure';

/**
 * Nest's Redis ClientProxy publishes a request without awaiting it, so while Redis is down ioredis
 * rejects that publish (MaxRetriesPerRequestError) with nobody listening, and Node ends the process on
 * the unhandled rejection: one Redis outage killed the gateway. The caller is already covered (its
 * request times out into a 503), so such a rejection is logged and survived. Any other unhandled
 * rejection is still a bug and still ends the process (exit 1), as Node would.
 */
export function surviveUnawaitedTransportFailures(name: string): void {
  const logger = new Logger(name);
  process.on('unhandledRejection', (reason: unknown) => {
    const message = reason instanceof Error ? reason.message : String(reason);
    if (dependencyFailure(reason)) {
      logger.warn(`a transport call nobody awaited failed while a dependency is down: ${message}`);
      return;
    }
    logger.error(`unhandled rejection: ${reason instanceof Error ? reason.stack : message}`);
    process.exit(1);
  });
}
