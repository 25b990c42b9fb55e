import { AuthMethod, ClientInfoPayload, DomainError, ErrorCode } from '@app/common';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
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
  ) {}

  /**
   * The user whose password this is, or a DomainError. Without a second factor the login is complete
   * (`lastLoginAt` set, the success audited); with TOTP on (`totpEnabledAt`) the caller must pass the
   * second step and then call completeLogin.
   */
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
    const rehash = this.hasher.needsRehash(user.passwordHash) ? await this.hasher.hash(password) : undefined;
    // With TOTP on, the password is only the first step: the count is cleared and the success recorded
    // once the code passes (completeLogin), so wrong codes keep counting toward the username's throttle.
    if (user.totpEnabledAt) {
      if (rehash) {
        await this.transactions.run(async ({ users }) => {
          (await users.requireById(user.id)).passwordHash = rehash;
        });
      }
      return user;
    }
    return this.completeLogin(user, client, method, [AuthMethod.Password], rehash);
  }

  /** The end of a login: the username's count cleared, `lastLoginAt` set and the success audited (with the methods used). */
  async completeLogin(user: User, client: ClientInfoPayload, method: 'session' | 'token', amr: string[], rehash?: string): Promise<User> {
    await this.throttle.clear(user.username);
    return this.transactions.run(async ({ users, auditEvents }) => {
      const fresh = await users.requireById(user.id);
      fresh.lastLoginAt = new Date();
      if (rehash) fresh.passwordHash = rehash;
      auditEvents.add({ type: 'login.succeeded', userId: fresh.id, actorId: fresh.id, ip: client.ip, detail: { method, amr } });
      return fresh;
    });
  }

  /** Re-checks a password of a known user (password change); no throttle reset, no side effects. */
  async matches(userId: string, password: string): Promise<boolean> {
    const user = await this.users.findById(userId);
    return this.hasher.verify(password, user?.passwordHash);
  }
}
