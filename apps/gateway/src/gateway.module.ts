import {
  ADMIN_RPC_CLIENT,
  ProtectedServiceModule,
  RpcClientModule,
  ServiceMetrics,
  StructuredLoggingModule,
  passwordHashingTimeouts,
  strictValidationPipe,
} from '@app/common';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { AdminModule } from './admin/admin.module';
import { AuthModule } from './auth/auth.module';
import { GatewayConfigModule } from './config/config.module';
import { GatewayConfig } from './config/gateway.config';
import { HttpErrorFilter } from './errors/http-error.filter';
import { HealthModule } from './health/health.module';
import { LifecycleModule } from './lifecycle/lifecycle.module';
import { MetricsModule } from './metrics/metrics.module';
import { MfaModule } from './mfa/mfa.module';
import { OidcModule } from './oidc/oidc.module';
import { PagesModule } from './pages/pages.module';
import { PasskeysModule } from './passkeys/passkeys.module';
import { TokensModule } from './tokens/tokens.module';

/** The gateway: the only HTTP face. It stores nothing; it resolves, checks CSRF, and forwards. */
@Module({})
export class GatewayModule {
  static register(config: GatewayConfig, metrics: ServiceMetrics): DynamicModule {
    const transport = { transportUrl: config.transportUrl, onRoundTrip: metrics.observeRoundTrip };
    return {
      module: GatewayModule,
      imports: [
        // Infrastructure: logging, configuration, metrics, the two service clients (and the session resolver).
        StructuredLoggingModule.forService('gateway', config.logLevel, { http: true, format: config.logFormat }),
        GatewayConfigModule.register(config),
        MetricsModule.register(metrics),
        ProtectedServiceModule.forRoot({
          ...transport,
          requestTimeoutMs: config.transportTimeoutMs,
          patternTimeoutsMs: passwordHashingTimeouts(config.transportTimeoutMs, config.loginQueueBudgetMs),
          cacheTtlMs: config.sessionCacheTtlMs,
          cacheMax: config.sessionCacheMax,
        }),
        RpcClientModule.register(ADMIN_RPC_CLIENT, { ...transport, timeoutMs: config.transportTimeoutMs }),
        // Features.
        AuthModule,
        LifecycleModule,
        TokensModule,
        AdminModule,
        MfaModule,
        PagesModule,
        PasskeysModule,
        OidcModule,
        HealthModule,
      ],
      providers: [
        // Every route's input is validated the strict way, and every error answers in the contract's shape.
        { provide: APP_FILTER, useClass: HttpErrorFilter },
        { provide: APP_PIPE, useFactory: strictValidationPipe },
      ],
    };
  }
}
