import { ServiceMetrics, SessionResolver } from '@app/common';
import { DynamicModule, Global, Module, OnModuleInit } from '@nestjs/common';
import { MetricsController } from './metrics.controller';

/** The process's Prometheus registry (made in main.ts, where the HTTP hooks use it too) and GET /metrics. */
@Global()
@Module({})
export class MetricsModule implements OnModuleInit {
  constructor(
    private readonly metrics: ServiceMetrics,
    private readonly resolver: SessionResolver,
  ) {}

  static register(metrics: ServiceMetrics): DynamicModule {
    return {
      module: MetricsModule,
      controllers: [MetricsController],
      providers: [{ provide: ServiceMetrics, useValue: metrics }],
      exports: [ServiceMetrics],
    };
  }

  onModuleInit(): void {
    this.metrics.watchResolver(this.resolver);
  }
}
