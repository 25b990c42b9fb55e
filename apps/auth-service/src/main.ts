import 'reflect-metadata';
import {
  DomainRpcExceptionFilter,
  MessageContextInterceptor,
  assertRedisReachable,
  assertTransportReachable,
  exitCleanlyOnSignals,
  strictValidationPipe,
  surviveUnawaitedTransportFailures,
  transportOptions,
} from '@app/common';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MicroserviceOptions } from '@nestjs/microservices';
import { AuthServiceModule } from './auth-service.module';
import { loadAuthConfig } from './config/auth.config';

async function bootstrap(): Promise<void> {
  const config = loadAuthConfig();
  await assertRedisReachable(config.redisUrl, 'REDIS_URL');
  await assertTransportReachable(config.transportUrl);
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(AuthServiceModule.register(config), {
    ...(transportOptions(config.transportUrl, 'auth-service') as MicroserviceOptions),
    logger: config.logLevel === 'silent' ? false : undefined,
  });
  app.useGlobalPipes(strictValidationPipe());
  app.useGlobalFilters(new DomainRpcExceptionFilter());
  app.useGlobalInterceptors(new MessageContextInterceptor());
  exitCleanlyOnSignals(app, 'auth-service');
  surviveUnawaitedTransportFailures('auth-service');
  await app.listen();
  new Logger('auth-service').log(`listening on ${new URL(config.transportUrl).protocol}//`);
}

bootstrap().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
