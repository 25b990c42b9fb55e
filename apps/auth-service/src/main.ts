import 'reflect-metadata';
import {
  DomainRpcExceptionFilter,
  MessageContextInterceptor,
  ServiceMetrics,
  assertRedisReachable,
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
import { AuthServiceModule } from './auth-service.module';
import { loadAuthConfig } from './config/auth.config';

async function bootstrap(): Promise<void> {
  const config = loadAuthConfig();
  await assertRedisReachable(config.redisUrl, 'REDIS_URL');
  await assertTransportReachable(config.transportUrl);
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(AuthServiceModule.register(config), {
    ...(transportOptions(config.transportUrl, 'auth-service') as MicroserviceOptions),
    // Held until the JSON logger is in place, so even start-up lines come out as JSON.
    bufferLogs: true,
  });
  app.useLogger(app.get(StructuredLogger));
  app.useGlobalPipes(strictValidationPipe());
  app.useGlobalFilters(new DomainRpcExceptionFilter());
  const metrics = new ServiceMetrics('auth-service');
  app.useGlobalInterceptors(new MessageContextInterceptor(metrics));
  // Unref'd: the metrics listener must not keep a stopping service alive.
  if (config.metricsPort) startMetricsServer(metrics, config.metricsPort).unref();
  exitCleanlyOnSignals(app, 'auth-service');
  surviveUnawaitedTransportFailures('auth-service');
  await app.listen();
  new Logger('auth-service').log(`listening on ${new URL(config.transportUrl).protocol}//`);
}

bootstrap().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
