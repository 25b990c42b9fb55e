import { DynamicModule, INestMicroservice, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CustomStrategy } from '@nestjs/microservices';
import { Logger as StructuredLogger } from 'nestjs-pino';
import { DomainRpcExceptionFilter } from '../errors/rpc-exception.filter';
import { strictValidationPipe } from '../errors/validation';
import { startMetricsServer } from '../metrics/metrics-server';
import { ServiceMetrics } from '../metrics/service-metrics';
import { exitCleanlyOnSignals } from '../shutdown/graceful-shutdown';
import { assertTransportReachable } from './dependency-check';
import { MessageScope, instrumentMessageHandlers } from './message-handlers';
import { transportKind } from './transport-options';
import { createTransportServer } from './transport-server';
import { surviveUnawaitedTransportFailures } from './unawaited-failures';

export interface MicroserviceStart {
  /** The service's name: its queue group, log `service` and metrics label. */
  name: string;
  transportUrl: string;
  metrics: ServiceMetrics;
  /** Serves /metrics on this port when set. */
  metricsPort?: number;
  /** What to wrap around every message (guards included), made from the started app. */
  messageScope?: (app: INestMicroservice) => MessageScope;
  /** Patterns that may wait in a queue: answered with receipts until their result (see RECEIPT). */
  acknowledged?: { patterns: readonly string[]; receiptIntervalMs: number };
}

/**
 * Starts a transport-only service the way every service here runs: JSON logs, strict payload
 * validation, errors as shared codes, request ids, the service's MessageScope and metrics per message,
 * a clean exit 0 on SIGTERM, and a queue group (on NATS) named after the service.
 */
export async function startMicroservice(module: DynamicModule, options: MicroserviceStart): Promise<INestMicroservice> {
  await assertTransportReachable(options.transportUrl);
  const server = createTransportServer(options.transportUrl, options.name);
  const app = await NestFactory.createMicroservice<CustomStrategy>(module, {
    strategy: server,
    // Held until the JSON logger is in place, so even start-up lines come out as JSON.
    bufferLogs: true,
  });
  app.useLogger(app.get(StructuredLogger));
  app.useGlobalPipes(strictValidationPipe());
  app.useGlobalFilters(new DomainRpcExceptionFilter());
  await app.init();
  instrumentMessageHandlers(server, options.metrics, options.messageScope?.(app), options.acknowledged);
  // Unref'd: the metrics listener must not keep a stopping service alive.
  if (options.metricsPort) startMetricsServer(options.metrics, options.metricsPort).unref();
  exitCleanlyOnSignals(app, options.name);
  surviveUnawaitedTransportFailures(options.name);
  await app.listen();
  new Logger(options.name).log(`listening on ${transportKind(options.transportUrl)}://`);
  return app;
}

/** Runs a service's bootstrap; a failure to start (bad config, no Redis) is printed and exits 1. */
export function runService(bootstrap: () => Promise<unknown>): void {
  bootstrap().catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}
