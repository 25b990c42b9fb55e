import { DynamicModule, Module } from '@nestjs/common';
import { ClientProxyFactory } from '@nestjs/microservices';
import { RoundTripObserver, RpcClient } from './rpc-client';
import { transportOptions } from './transport-options';

export interface RpcClientModuleOptions {
  transportUrl: string;
  /** Every request is bounded by this; past it the caller gets Unavailable (a 503 at the gateway). */
  timeoutMs: number;
  /** Patterns with a bound of their own instead of `timeoutMs` (see passwordHashingTimeouts). */
  patternTimeoutsMs?: Record<string, number>;
  onRoundTrip?: RoundTripObserver;
}

/**
 * Provides one `RpcClient<Contract>` to the whole app under the contract's injection token; callers
 * write `@Inject(ADMIN_RPC_CLIENT) admin: RpcClient<AdminContract>` and `admin.send(AdminPatterns.X, payload)`.
 * The client closes itself when the app stops.
 */
@Module({})
export class RpcClientModule {
  static register(token: symbol, options: RpcClientModuleOptions): DynamicModule {
    return {
      module: RpcClientModule,
      global: true,
      providers: [
        {
          provide: token,
          useFactory: () =>
            new RpcClient(
              ClientProxyFactory.create(transportOptions(options.transportUrl)),
              options.timeoutMs,
              options.onRoundTrip,
              options.patternTimeoutsMs,
            ),
        },
      ],
      exports: [token],
    };
  }
}
