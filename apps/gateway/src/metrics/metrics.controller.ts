import { ApiExcludeController } from '@nestjs/swagger';
import { DomainError, ErrorCode, ServiceMetrics, constantTimeEquals } from '@app/common';
import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GATEWAY_CONFIG, GatewayConfig } from '../config/gateway.config';
import { headerOf } from '../http/gateway-request';

const BEARER = /^Bearer ([^\s]+)$/;

/** Prometheus text: HTTP answers, login outcomes, transport round trips, session cache, process. */
@ApiExcludeController()
@Controller()
export class MetricsController {
  constructor(
    private readonly metrics: ServiceMetrics,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** With METRICS_TOKEN set (always in production), only `Authorization: Bearer <METRICS_TOKEN>`, compared in constant time. */
  @Get('metrics')
  async scrape(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const expected = this.config.metricsToken;
    if (expected !== undefined) {
      const presented = BEARER.exec(headerOf(request, 'authorization') ?? '')?.[1] ?? '';
      if (!constantTimeEquals(presented, expected)) {
        reply.header('WWW-Authenticate', 'Bearer realm="metrics"');
        throw new DomainError(ErrorCode.Unauthenticated, 'A metrics token is required');
      }
    }
    reply.header('Content-Type', this.metrics.contentType);
    reply.header('Cache-Control', 'no-store');
    reply.send(await this.metrics.text());
  }
}
