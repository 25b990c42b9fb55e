import { DynamicModule, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { ClientProxyFactory } from '@nestjs/microservices';
import { AuthContract } from '../contracts/auth/auth.contract';
import { BroadcastBus, createBroadcastBus } from '../transport/broadcast-bus';
import { RoundTripObserver, RpcClient } from '../transport/rpc-client';
import { transportOptions } from '../transport/transport-options';
import { AuthGuard } from './auth.guard';
import { AUTH_RPC_CLIENT, BROADCAST_BUS, SESSION_RESOLVER_OPTIONS } from './auth.tokens';
import { RolesGuard } from './roles.guard';
import { SessionResolver, SessionResolverOptions } from './session-resolver';

export interface ProtectedServiceOptions extends SessionResolverOptions {
  transportUrl: string;
  requestTimeoutMs: number;
  onRoundTrip?: RoundTripObserver;
}

/**
 * What a service imports to become protected: the auth-service client, the revocation bus, the cached
 * SessionResolver and the guards. Then `@UseGuards(AuthGuard, RolesGuard)` and `@Roles(...)` on handlers.
 */
@Module({})
export class ProtectedServiceModule implements OnApplicationShutdown {
  constructor(
    @Inject(AUTH_RPC_CLIENT) private readonly auth: RpcClient<AuthContract>,
    @Inject(BROADCAST_BUS) private readonly bus: BroadcastBus,
  ) {}

  static forRoot(options: ProtectedServiceOptions): DynamicModule {
    return {
      module: ProtectedServiceModule,
      global: true,
      providers: [
        {
          provide: AUTH_RPC_CLIENT,
          useFactory: () =>
            new RpcClient<AuthContract>(
              ClientProxyFactory.create(transportOptions(options.transportUrl)),
              options.requestTimeoutMs,
              options.onRoundTrip,
            ),
        },
        { provide: BROADCAST_BUS, useFactory: () => createBroadcastBus(options.transportUrl) },
        {
          provide: SESSION_RESOLVER_OPTIONS,
          useValue: { cacheTtlMs: options.cacheTtlMs, cacheMax: options.cacheMax } satisfies SessionResolverOptions,
        },
        SessionResolver,
        AuthGuard,
        RolesGuard,
      ],
      exports: [AUTH_RPC_CLIENT, BROADCAST_BUS, SessionResolver, AuthGuard, RolesGuard],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([this.auth.close(), this.bus.close()]);
  }
}
