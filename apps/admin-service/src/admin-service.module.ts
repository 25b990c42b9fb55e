import { ProtectedServiceModule, ServiceMetrics, StructuredLoggingModule } from '@app/common';
import { DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from './audit/audit.module';
import { AdminConfig } from './config/admin.config';
import { HealthModule } from './health/health.module';
import { UsersModule } from './users/users.module';

/** The admin-service: a protected service, which is one import of ProtectedServiceModule. */
@Module({})
export class AdminServiceModule {
  static register(config: AdminConfig, metrics: ServiceMetrics): DynamicModule {
    return {
      module: AdminServiceModule,
      imports: [
        // Infrastructure: logging, and the auth-service client, revocation bus, resolver and guards.
        StructuredLoggingModule.forService('admin-service', config.logLevel, { format: config.logFormat }),
        ProtectedServiceModule.forRoot({
          transportUrl: config.transportUrl,
          requestTimeoutMs: config.transportTimeoutMs,
          cacheTtlMs: config.sessionCacheTtlMs,
          cacheMax: config.sessionCacheMax,
          onRoundTrip: metrics.observeRoundTrip,
        }),
        // Features.
        UsersModule,
        AuditModule,
        HealthModule,
      ],
    };
  }
}
