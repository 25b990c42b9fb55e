import 'reflect-metadata';
import fastifyCookie from '@fastify/cookie';
import {
  DomainError,
  ErrorCode,
  ServiceMetrics,
  assertTransportReachable,
  exitCleanlyOnSignals,
  runService,
  surviveUnawaitedTransportFailures,
} from '@app/common';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { Logger as StructuredLogger } from 'nestjs-pino';
import { loadGatewayConfig } from './config/gateway.config';
import { renderError, sendError } from './errors/http-error.filter';
import { GatewayModule } from './gateway.module';
import { BODY_LIMIT_BYTES, useBodyParsers } from './http/body-parsing';
import { closeIdleConnectionsWhileDraining } from './http/drain-on-close';
import { useHostPolicy } from './http/host-policy';
import { requestIdOf, useRequestIds } from './http/request-id.hook';
import { serveOpenApi } from './http/openapi';
import { useHttpMetrics } from './metrics/http-metrics.hook';

async function bootstrap(): Promise<void> {
  const config = loadGatewayConfig();
  await assertTransportReachable(config.transportUrl);
  const metrics = new ServiceMetrics('gateway');
  const adapter = new FastifyAdapter({
    // X-Forwarded-For and -Proto count only from these (addresses, CIDRs or proxy-addr names); none: ignored.
    trustProxy: config.trustedProxies.length ? config.trustedProxies : false,
    bodyLimit: BODY_LIMIT_BYTES,
    // Node's default (Fastify's own is 72 s), as the gateway has always answered.
    keepAliveTimeout: 5_000,
    genReqId: requestIdOf,
    // Fastify logs nothing itself: the pino-http access log (StructuredLoggingModule) is the one.
    logger: false,
    routerOptions: { ignoreTrailingSlash: true },
    // A path that is not valid percent-encoding never reaches a route.
    frameworkErrors: (_error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      reply.header('X-Request-Id', request.id);
      sendError(reply, renderError(new DomainError(ErrorCode.ValidationFailed, 'Malformed URL')));
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(GatewayModule.register(config, metrics), adapter, {
    bodyParser: false,
    // Held until the JSON logger is in place, so even start-up lines come out as JSON.
    bufferLogs: true,
  });
  app.useLogger(app.get(StructuredLogger));
  const fastify = app.getHttpAdapter().getInstance();
  useRequestIds(fastify);
  useHostPolicy(fastify, config.allowedHosts);
  useHttpMetrics(fastify, metrics);
  useBodyParsers(fastify);
  closeIdleConnectionsWhileDraining(fastify);
  await app.register(fastifyCookie, { secret: config.cookieSecret });
  serveOpenApi(app);
  exitCleanlyOnSignals(app, 'gateway');
  surviveUnawaitedTransportFailures('gateway');
  await app.listen(config.port, config.host);
  new Logger('gateway').log(`listening on http://${config.host}:${config.port}`);
}

runService(bootstrap);
