import { ProtectedServiceModule, ServiceMetrics, StructuredLoggingModule } from '@app/common';
import { DynamicModule, Module } from '@nestjs/common';
import { AuditController } from './audit/audit.controller';
import { AdminConfig } from './config/admin.config';
import { HealthController } from './health/health.controller';
import { UsersController } from './users/users.controller';

/** The admin-service: a protected service, which is one import of ProtectedServiceModule. */
@Module({})
export class AdminServiceModule {
  static register(config: AdminConfig, metrics: ServiceMetrics): DynamicModule {
    return {
      module: AdminServiceModule,
      imports: [
        StructuredLoggingModule.forService('admin-service', config.logLevel),
        ProtectedServiceModule.forRoot({
          transportUrl: config.transportUrl,
          requestTimeoutMs: config.transportTimeoutMs,
          cacheTtlMs: config.sessionCacheTtlMs,
          cacheMax: config.sessionCacheMax,
          onRoundTrip: metrics.observeRoundTrip,
        }),
      ],
      controllers: [UsersController, AuditController, HealthController],
    };
  }
}
