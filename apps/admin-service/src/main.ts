import 'reflect-metadata';
import {
  DomainRpcExceptionFilter,
  MessageContextInterceptor,
  assertTransportReachable,
  exitCleanlyOnSignals,
  strictValidationPipe,
  surviveUnawaitedTransportFailures,
  transportOptions,
} from '@app/common';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MicroserviceOptions } from '@nestjs/microservices';
import { AdminServiceModule } from './admin-service.module';
import { loadAdminConfig } from './config/admin.config';

async function bootstrap(): Promise<void> {
  const config = loadAdminConfig();
  await assertTransportReachable(config.transportUrl);
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(AdminServiceModule.register(config), {
    ...(transportOptions(config.transportUrl, 'admin-service') as MicroserviceOptions),
    logger: config.logLevel === 'silent' ? false : undefined,
  });
  app.useGlobalPipes(strictValidationPipe());
  app.useGlobalFilters(new DomainRpcExceptionFilter());
  app.useGlobalInterceptors(new MessageContextInterceptor());
  exitCleanlyOnSignals(app, 'admin-service');
  surviveUnawaitedTransportFailures('admin-service');
  await app.listen();
  new Logger('admin-service').log('listening');
}

bootstrap().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
