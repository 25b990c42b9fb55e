import 'reflect-metadata';
import {
  DomainRpcExceptionFilter,
  MessageContextInterceptor,
  ServiceMetrics,
  SessionResolver,
  assertTransportReachable,
  startMetricsServer,
  exitCleanlyOnSignals,
  strictValidationPipe,
  surviveUnawaitedTransportFailures,
  transportOptions,
} from '@app/common';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MicroserviceOptions } from '@nestjs/microservices';
import { Logger as StructuredLogger } from 'nestjs-pino';
import { AdminServiceModule } from './admin-service.module';
import { loadAdminConfig } from './config/admin.config';

async function bootstrap(): Promise<void> {
  const config = loadAdminConfig();
  const metrics = new ServiceMetrics('admin-service');
  await assertTransportReachable(config.transportUrl);
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(AdminServiceModule.register(config, metrics), {
    ...(transportOptions(config.transportUrl, 'admin-service') as MicroserviceOptions),
    // Held until the JSON logger is in place, so even start-up lines come out as JSON.
    bufferLogs: true,
  });
  app.useLogger(app.get(StructuredLogger));
  app.useGlobalPipes(strictValidationPipe());
  app.useGlobalFilters(new DomainRpcExceptionFilter());
  app.useGlobalInterceptors(new MessageContextInterceptor(metrics));
  metrics.watchResolver(app.get(SessionResolver));
  // Unref'd: the metrics listener must not keep a stopping service alive.
  if (config.metricsPort) startMetricsServer(metrics, config.metricsPort).unref();
  exitCleanlyOnSignals(app, 'admin-service');
  surviveUnawaitedTransportFailures('admin-service');
  await app.listen();
  new Logger('admin-service').log('listening');
}

bootstrap().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
