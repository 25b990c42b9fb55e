import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import { AUTH_CONFIG, AuthConfig } from '../config/auth.config';
import { JWT_ALGORITHM, SigningKeys } from '../tokens/signing-keys';

/** A grant that ended, as its link recorded it. */
export interface LoggedOutGrant {
  grantId: string;
  userId: string;
  clientId: string;
  backchannelLogoutUri?: string;
  oidcSessionId?: string;
}

/** Waits before the 2nd, 3rd… attempt; a client still down after the last is logged and given up. */
const RETRY_DELAYS_MS = [500, 2_000, 10_000, 30_000];
const REQUEST_TIMEOUT_MS = 5_000;
const BACKCHANNEL_LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

/**
 * OpenID Connect Back-Channel Logout: a logout token (signed with the ID tokens' key) POSTed to the
 * client, retried with backoff in the background, so a client that is down never holds up a logout.
 */
@Injectable()
export class BackchannelLogout implements OnApplicationShutdown {
  private readonly logger = new Logger(BackchannelLogout.name);
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
    private readonly keys: SigningKeys,
  ) {}

  deliver(grant: LoggedOutGrant): void {
    if (!grant.backchannelLogoutUri) return;
    void this.attempt(grant, grant.backchannelLogoutUri, 0);
  }

  onApplicationShutdown(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private async attempt(grant: LoggedOutGrant, uri: string, attempt: number): Promise<void> {
    try {
      const response = await fetch(uri, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ logout_token: await this.logoutToken(grant) }).toString(),
        redirect: 'manual',
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      if (response.ok) return;
      throw new Error(`answered ${response.status}`);
    } catch (error) {
      const delay = RETRY_DELAYS_MS[attempt];
      const where = `client ${grant.clientId}`;
      if (delay === undefined) {
        this.logger.warn(`back-channel logout to ${where} given up after ${attempt + 1} attempts: ${(error as Error).message}`);
        return;
      }
      this.logger.log(`back-channel logout to ${where} failed (${(error as Error).message}); retrying in ${delay} ms`);
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        void this.attempt(grant, uri, attempt + 1);
      }, delay);
      timer.unref();
      this.timers.add(timer);
    }
  }

  private logoutToken(grant: LoggedOutGrant): Promise<string> {
    const key = this.keys.current();
    const claims: Record<string, unknown> = { events: { [BACKCHANNEL_LOGOUT_EVENT]: {} } };
    if (grant.oidcSessionId) claims.sid = grant.oidcSessionId;
    return new SignJWT(claims)
      .setProtectedHeader({ alg: JWT_ALGORITHM, kid: key.kid, typ: 'logout+jwt' })
      .setIssuer(this.config.mail.publicBaseUrl)
      .setAudience(grant.clientId)
      .setSubject(grant.userId)
      .setIssuedAt()
      .setExpirationTime('2m')
      .setJti(randomUUID())
      .sign(key.privateKey);
  }
}
