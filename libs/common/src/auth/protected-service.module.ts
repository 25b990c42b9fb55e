import { DynamicModule, Module } from '@nestjs/common';
import { AUTH_RPC_CLIENT } from '../contracts/auth/auth.contract';
import { BroadcastModule } from '../transport/broadcast.module';
import { RoundTripObserver } from '../transport/rpc-client';
import { RpcClientModule } from '../transport/rpc-client.module';
import { AuthGuard } from './auth.guard';
import { RolesGuard } from './roles.guard';
import { SESSION_RESOLVER_OPTIONS, SessionResolver, SessionResolverOptions } from './session-resolver';

export interface ProtectedServiceOptions extends SessionResolverOptions {
  transportUrl: string;
  requestTimeoutMs: number;
  onRoundTrip?: RoundTripObserver;
}

/**
 * What a service imports to become protected: the auth-service client (AUTH_RPC_CLIENT), the revocation
 * bus, the cached SessionResolver and the guards. Then `@UseGuards(AuthGuard, RolesGuard)` and `@Roles(...)` on handlers.
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
      ],
      exports: [SessionResolver, AuthGuard, RolesGuard],
    };
  }
}
