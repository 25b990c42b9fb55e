import { DynamicModule, Module } from '@nestjs/common';
import { AUTH_RPC_CLIENT } from '../contracts/auth/auth.contract';
import { BroadcastModule } from '../transport/broadcast.module';
import { RoundTripObserver } from '../transport/rpc-client';
import { RpcClientModule } from '../transport/rpc-client.module';
import { AuthGuard } from './auth.guard';
import { FreshnessGuard } from './freshness.guard';
import { RolesGuard } from './roles.guard';
import { SESSION_RESOLVER_OPTIONS, SessionResolver, SessionResolverOptions } from './session-resolver';

export interface ProtectedServiceOptions extends SessionResolverOptions {
  transportUrl: string;
  requestTimeoutMs: number;
  /** Auth-service patterns with a bound of their own (the password-hashing ones, which may queue). */
  patternTimeoutsMs?: Record<string, number>;
  onRoundTrip?: RoundTripObserver;
}

/**
 * What a service imports to become protected: the auth-service client (AUTH_RPC_CLIENT), the revocation
 * bus, the cached SessionResolver and the guards. Then `@UseGuards(AuthGuard, RolesGuard, FreshnessGuard)`, and
 * `@Roles(...)`, `@RequireFresh()` or `@AllowWithoutMfa()` on handlers.
 */
@Module({})
export class ProtectedServiceModule {
  static forRoot(options: ProtectedServiceOptions): DynamicModule {
    return {
      module: ProtectedServiceModule,
      global: true,
      imports: [
        RpcClientModule.register(AUTH_RPC_CLIENT, {
          transportUrl: options.transportUrl,
          timeoutMs: options.requestTimeoutMs,
          patternTimeoutsMs: options.patternTimeoutsMs,
          onRoundTrip: options.onRoundTrip,
        }),
        BroadcastModule.forRoot(options.transportUrl),
      ],
      providers: [
        {
          provide: SESSION_RESOLVER_OPTIONS,
          useValue: { cacheTtlMs: options.cacheTtlMs, cacheMax: options.cacheMax } satisfies SessionResolverOptions,
        },
        SessionResolver,
        AuthGuard,
        RolesGuard,
        FreshnessGuard,
      ],
      exports: [SessionResolver, AuthGuard, RolesGuard, FreshnessGuard],
    };
  }
}
