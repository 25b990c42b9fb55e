import { DynamicModule, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { BROADCAST_BUS, BroadcastBus, createBroadcastBus } from './broadcast-bus';

/** Provides the BroadcastBus for TRANSPORT_URL to the whole app (BROADCAST_BUS), and closes it when the app stops. */
@Module({})
export class BroadcastModule implements OnApplicationShutdown {
  constructor(@Inject(BROADCAST_BUS) private readonly bus: BroadcastBus) {}

  static forRoot(transportUrl: string): DynamicModule {
    return {
      module: BroadcastModule,
      global: true,
      providers: [{ provide: BROADCAST_BUS, useFactory: () => createBroadcastBus(transportUrl) }],
      exports: [BROADCAST_BUS],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.bus.close();
  }
}
