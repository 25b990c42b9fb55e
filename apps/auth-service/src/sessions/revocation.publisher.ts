import { BROADCAST_BUS, BroadcastBus, BroadcastChannels, RevocationEvent } from '@app/common';
import { Inject, Injectable, Logger } from '@nestjs/common';

/** Tells every replica of every service to drop cached resolutions of revoked sessions. */
@Injectable()
export class RevocationPublisher {
  private readonly logger = new Logger(RevocationPublisher.name);

  constructor(@Inject(BROADCAST_BUS) private readonly bus: BroadcastBus) {}

  async publish(event: RevocationEvent): Promise<void> {
    if (!event.userId && !event.sessionIds?.length) return;
    try {
      await this.bus.publish(BroadcastChannels.Revoked, event);
    } catch (error) {
      // The session is already gone from Redis; caches expire within their short TTL regardless.
      this.logger.error({ err: error }, 'revocation broadcast failed');
    }
  }
}
