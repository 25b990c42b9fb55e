import { ApiExcludeController } from '@nestjs/swagger';
import { ServiceMetrics } from '@app/common';
import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';

/** Prometheus text: HTTP answers, login outcomes, transport round trips, session cache, process. */
@ApiExcludeController()
@Controller()
export class MetricsController {
  constructor(private readonly metrics: ServiceMetrics) {}

  @Get('metrics')
  async scrape(@Res() response: Response): Promise<void> {
    response.setHeader('Content-Type', this.metrics.contentType);
    response.setHeader('Cache-Control', 'no-store');
    response.send(await this.metrics.text());
  }
}
