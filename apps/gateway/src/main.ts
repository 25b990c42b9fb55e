import 'reflect-metadata';
import { ServiceMetrics, assertTransportReachable, exitCleanlyOnSignals, runService, surviveUnawaitedTransportFailures } from '@app/common';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import { Logger as StructuredLogger } from 'nestjs-pino';
import { loadGatewayConfig } from './config/gateway.config';
import { GatewayModule } from './gateway.module';
import { bodyErrorHandler, bodyParsers } from './http/body-parsing';
import { requestIdMiddleware } from './http/request-id.middleware';
import { serveOpenApi } from './http/openapi';
import { httpMetricsMiddleware } from './metrics/http-metrics.middleware';

async function bootstrap(): Promise<void> {
  const config = loadGatewayConfig();
  await assertTransportReachable(config.transportUrl);
  const metrics = new ServiceMetrics('gateway');
  const app = await NestFactory.create<NestExpressApplication>(GatewayModule.register(config, metrics), {
    bodyParser: false,
    // Held until the JSON logger is in place, so even start-up lines come out as JSON.
    bufferLogs: true,
  });
  app.useLogger(app.get(StructuredLogger));
  app.set('trust proxy', config.trustedProxies.length ? config.trustedProxies : false);
  app.disable('x-powered-by');
  app.use(requestIdMiddleware, httpMetricsMiddleware(metrics));
  app.use(...bodyParsers(), bodyErrorHandler);
  app.use(cookieParser(config.cookieSecret));
  serveOpenApi(app);
  exitCleanlyOnSignals(app, 'gateway');
  surviveUnawaitedTransportFailures('gateway');
  await app.listen(config.port, config.host);
  new Logger('gateway').log(`listening on http://${config.host}:${config.port}`);
}

runService(bootstrap);
