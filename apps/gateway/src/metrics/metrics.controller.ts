import { ApiExcludeController } from '@nestjs/swagger';
import { ServiceMetrics } from '@app/common';
import { Controller, Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';

/** Prometheus text: HTTP answers, login outcomes, transport round trips, session cache, process. */
@ApiExcludeController()
@Controller()
export class MetricsController {
  constructor(private readonly metrics: ServiceMetrics) {}

  @Get('metrics')
  async scrape(@Res() reply: FastifyReply): Promise<void> {
    reply.header('Content-Type', this.metrics.contentType);
    reply.header('Cache-Control', 'no-store');
    reply.send(await this.metrics.text());
  }
}
