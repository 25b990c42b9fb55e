import { ClientInfoPayload, DomainError, ErrorCode } from '@app/common';
import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { AUTH_CONFIG, AuthConfig } from '../config/auth.config';
import { Transactions } from '../database/transactions';
import { PasswordHasher } from '../passwords/password.hasher';
import { LoginThrottle } from '../throttle/login-throttle';
import { User } from '../users/user.entity';
import { UserRepository } from '../users/user.repository';

/**
 * The credential check, in the order that keeps it safe: throttle first (no bcrypt for a throttled
 * login), one bcrypt whether or not the user exists (same time, same 401), the disabled state only
 * after a correct password, then the count cleared and a weak hash upgraded.
 */
@Injectable()
export class CredentialsService {
  constructor(
    private readonly users: UserRepository,
    private readonly transactions: Transactions,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditService,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
  ) {}

  /** The user whose password this is, with `lastLoginAt` set and the success audited, or a DomainError. */
  async verify(rawUsername: string, password: string, client: ClientInfoPayload, method: 'session' | 'token'): Promise<User> {
    const username = rawUsername.toLowerCase();
    // A login flood is refused before it costs Redis and database round trips, not only at bcrypt's door.
    this.hasher.assertCapacity();
    try {
      await this.throttle.assertAllowed(username, client.ip);
    } catch (error) {
      await this.audit.recordDetached({ type: 'login.throttled', ip: client.ip, detail: { username } });
      throw error;
    }
    const user = await this.users.findByUsername(username);
    const matches = await this.hasher.verify(password, user?.passwordHash);
    if (!user || !matches) {
      await this.throttle.recordFailure(username, client.ip);
      await this.audit.recordDetached({
        type: 'login.failed',
        userId: user?.id,
        ip: client.ip,
        detail: { username, reason: 'credentials' },
      });
      throw new DomainError(ErrorCode.InvalidCredentials, 'Invalid username or password');
    }
    if (!user.active) {
      await this.audit.recordDetached({ type: 'login.failed', userId: user.id, ip: client.ip, detail: { username, reason: 'disabled' } });
      throw new DomainError(ErrorCode.AccountDisabled, 'This account is disabled');
    }
    // REQUIRE_VERIFIED_EMAIL: an address given and never proven. An account without one (the bootstrap
    // admin, one made before the setting) has nothing to verify and is let in.
    if (this.config.lifecycle.requireVerifiedEmail && user.email !== null && user.emailVerifiedAt === null) {
      await this.audit.recordDetached({
        type: 'login.failed',
        userId: user.id,
        ip: client.ip,
        detail: { username, reason: 'email-not-verified' },
      });
      throw new DomainError(ErrorCode.EmailNotVerified, 'Please verify your email address first: follow the link in the mail we sent you');
    }
    await this.throttle.clear(username);
    const rehash = this.hasher.needsRehash(user.passwordHash) ? await this.hasher.hash(password) : undefined;
    return this.transactions.run(async ({ users, auditEvents }) => {
      const fresh = await users.requireById(user.id);
      fresh.lastLoginAt = new Date();
      if (rehash) fresh.passwordHash = rehash;
      auditEvents.add({ type: 'login.succeeded', userId: fresh.id, actorId: fresh.id, ip: client.ip, detail: { method } });
      return fresh;
    });
  }

  /** Re-checks a password of a known user (password change); no throttle reset, no side effects. */
  async matches(userId: string, password: string): Promise<boolean> {
    const user = await this.users.findById(userId);
    return this.hasher.verify(password, user?.passwordHash);
  }
}
