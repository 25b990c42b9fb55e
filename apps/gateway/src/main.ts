import 'reflect-metadata';
import { assertTransportReachable, exitCleanlyOnSignals, surviveUnawaitedTransportFailures } from '@app/common';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import { loadGatewayConfig } from './config/gateway.config';
import { GatewayModule } from './gateway.module';
import { bodyErrorHandler, bodyParsers } from './http/body-parsing';
import { requestIdMiddleware } from './http/request-id.middleware';

async function bootstrap(): Promise<void> {
  const config = loadGatewayConfig();
  await assertTransportReachable(config.transportUrl);
  const app = await NestFactory.create<NestExpressApplication>(GatewayModule.register(config), {
    bodyParser: false,
    logger: config.logLevel === 'silent' ? false : undefined,
  });
  app.set('trust proxy', config.trustedProxies.length ? config.trustedProxies : false);
  app.disable('x-powered-by');
  app.use(requestIdMiddleware);
  app.use(...bodyParsers(), bodyErrorHandler);
  app.use(cookieParser(config.cookieSecret));
  exitCleanlyOnSignals(app, 'gateway');
  surviveUnawaitedTransportFailures('gateway');
  await app.listen(config.port, config.host);
  new Logger('gateway').log(`listening on http://${config.host}:${config.port}`);
}

bootstrap().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
