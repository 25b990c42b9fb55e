import {
  ADMIN_RPC_CLIENT,
  ProtectedServiceModule,
  RpcClientModule,
  ServiceMetrics,
  SessionResolver,
  StructuredLoggingModule,
} from '@app/common';
import { DynamicModule, Module, OnModuleInit } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { strictValidationPipe } from '@app/common';
import { AdminController } from './admin/admin.controller';
import { AuthFlowService } from './auth/auth-flow.service';
import { AuthController } from './auth/auth.controller';
import { BearerGuard } from './auth/bearer.guard';
import { HttpAuthGuard } from './auth/http-auth.guard';
import { JwksProvider } from './auth/jwks.provider';
import { JwtStrategy } from './auth/jwt.strategy';
import { LocalStrategy } from './auth/local.strategy';
import { SessionCookie } from './auth/session-cookie';
import { GATEWAY_CONFIG, GatewayConfig } from './config/gateway.config';
import { HttpErrorFilter } from './errors/http-error.filter';
import { HealthController } from './health/health.controller';
import { MetricsController } from './metrics/metrics.controller';
import { AdminPageService } from './pages/admin-page.service';
import { DashboardPageService } from './pages/dashboard-page.service';
import { Flash } from './pages/flash';
import { LoginCsrf } from './pages/login-csrf';
import { LoginPageService } from './pages/login-page.service';
import { PageAuthGuard } from './pages/page-auth.guard';
import { PageErrorFilter } from './pages/page-error.filter';
import { PageRenderer } from './pages/page-renderer';
import { PageSessionService } from './pages/page-session.service';
import { PagesController } from './pages/pages.controller';
import { RegisterPageService } from './pages/register-page.service';
import { StaticAssets } from './pages/static-assets';
import { TokensController } from './tokens/tokens.controller';

/** The gateway: the only HTTP face. It stores nothing; it resolves, checks CSRF, and forwards. */
@Module({})
export class GatewayModule implements OnModuleInit {
  constructor(
    private readonly metrics: ServiceMetrics,
    private readonly resolver: SessionResolver,
  ) {}

  onModuleInit(): void {
    this.metrics.watchResolver(this.resolver);
  }

  static register(config: GatewayConfig, metrics: ServiceMetrics): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        StructuredLoggingModule.forService('gateway', config.logLevel, { http: true }),
        PassportModule,
        ProtectedServiceModule.forRoot({
          transportUrl: config.transportUrl,
          requestTimeoutMs: config.transportTimeoutMs,
          cacheTtlMs: config.sessionCacheTtlMs,
          cacheMax: config.sessionCacheMax,
          onRoundTrip: metrics.observeRoundTrip,
        }),
        RpcClientModule.register(ADMIN_RPC_CLIENT, {
          transportUrl: config.transportUrl,
          timeoutMs: config.transportTimeoutMs,
          onRoundTrip: metrics.observeRoundTrip,
        }),
      ],
      controllers: [AuthController, TokensController, AdminController, HealthController, PagesController, MetricsController],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        { provide: ServiceMetrics, useValue: metrics },
        { provide: APP_FILTER, useClass: HttpErrorFilter },
        { provide: APP_PIPE, useFactory: strictValidationPipe },
        AuthFlowService,
        BearerGuard,
        HttpAuthGuard,
        JwksProvider,
        JwtStrategy,
        LocalStrategy,
        SessionCookie,
        // The server-rendered pages.
        AdminPageService,
        DashboardPageService,
        Flash,
        LoginCsrf,
        LoginPageService,
        PageAuthGuard,
        PageErrorFilter,
        PageRenderer,
        PageSessionService,
        RegisterPageService,
        StaticAssets,
      ],
      exports: [GATEWAY_CONFIG],
    };
  }
}
