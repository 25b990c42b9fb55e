import { AuthMethod, ClientInfoPayload, DomainError, ErrorCode, usernameFingerprint } from '@app/common';
import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { AUTH_CONFIG, AuthConfig } from '../config/auth.config';
import { Transactions } from '../database/transactions';
import { PasswordHasher } from '../passwords/password.hasher';
import { AttemptOutcome, LoginAttempt, LoginThrottle } from '../throttle/login-throttle';
import { User } from '../users/user.entity';
import { UserRepository } from '../users/user.repository';

/**
 * The credential check, in the order that keeps it safe: an attempt slot taken first (no bcrypt for a
 * throttled login, and no more guesses evaluated than the limit however many arrive at once), one bcrypt whether or not the user exists (same time, same 401), the disabled state only
 * after a correct password, then the count cleared (after the second factor, when the account has one) and a weak hash upgraded.
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

  /**
   * The user whose password this is, or a DomainError. Without a second factor the login is complete
   * (`lastLoginAt` set, the success audited); with TOTP on (`totpEnabledAt`) the caller must pass the
   * second step and then call completeLogin.
   */
  async verify(rawUsername: string, password: string, client: ClientInfoPayload, method: 'session' | 'token'): Promise<User> {
    const username = rawUsername.toLowerCase();
    // A login flood is refused before it costs Redis and database round trips, not only at bcrypt's door.
    this.hasher.assertCapacity();
    const attempt = await this.reserveAttempt(username, client.ip);
    let outcome: AttemptOutcome = 'abandoned';
    let checked: { user: User; legacyForm: boolean };
    try {
      checked = await this.checkPassword(username, password, client);
      // With TOTP on, the password is only the first step: the username's count is cleared once the code
      // passes, so wrong codes keep counting toward the username's throttle.
      outcome = checked.user.totpEnabledAt ? 'abandoned' : 'succeeded';
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.InvalidCredentials) outcome = 'failed';
      throw error;
    } finally {
      await this.throttle.settle(attempt, outcome);
    }
    const { user, legacyForm } = checked;
    // A new hash when the cost was raised or the stored one is of the password as typed before passwords
    // were normalised (the transparent upgrade to NFC).
    const rehash = legacyForm || this.hasher.needsRehash(user.passwordHash) ? await this.hasher.hash(password) : undefined;
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

  /** The end of a login: `lastLoginAt` set, a new hash if one was made, and the success audited (with the methods used), in one transaction. */
  async completeLogin(user: User, client: ClientInfoPayload, method: 'session' | 'token', amr: string[], rehash?: string): Promise<User> {
    return this.transactions.run(async ({ users, auditEvents }) => {
      const fresh = await users.requireById(user.id);
      fresh.lastLoginAt = new Date();
      if (rehash) fresh.passwordHash = rehash;
      auditEvents.add({ type: 'login.succeeded', userId: fresh.id, actorId: fresh.id, ip: client.ip, detail: { method, amr } });
      return fresh;
    });
  }

  /** Takes the attempt's throttle slots before any bcrypt work, or audits `login.throttled` and throws. */
  private async reserveAttempt(username: string, ip: string): Promise<LoginAttempt> {
    try {
      return await this.throttle.reserve(username, ip);
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.Throttled) {
        await this.audit.recordDetached({ type: 'login.throttled', ip, detail: { usernameFingerprint: this.fingerprint(username) } });
      }
      throw error;
    }
  }

  private async checkPassword(username: string, password: string, client: ClientInfoPayload): Promise<{ user: User; legacyForm: boolean }> {
    const user = await this.users.findByUsername(username);
    const { matches, legacyForm } = await this.hasher.check(password, user?.passwordHash);
    if (!user || !matches) {
      // What was typed as a username may be a password typed in the wrong field: a known one is recorded
      // by its user id, an unknown one only as a keyed fingerprint (attempts on it correlate, the text is not kept).
      const detail = user ? { reason: 'credentials' } : { usernameFingerprint: this.fingerprint(username), reason: 'credentials' };
      await this.audit.recordDetached({ type: 'login.failed', userId: user?.id, ip: client.ip, detail });
      throw new DomainError(ErrorCode.InvalidCredentials, 'Invalid username or password');
    }
    if (!user.active) {
      await this.audit.recordDetached({ type: 'login.failed', userId: user.id, ip: client.ip, detail: { reason: 'disabled' } });
      throw new DomainError(ErrorCode.AccountDisabled, 'This account is disabled');
    }
    // REQUIRE_VERIFIED_EMAIL: an address given and never proven. An account without one (the bootstrap
    // admin, one made before the setting) has nothing to verify and is let in.
    if (this.config.lifecycle.requireVerifiedEmail && user.email !== null && user.emailVerifiedAt === null) {
      await this.audit.recordDetached({
        type: 'login.failed',
        userId: user.id,
        ip: client.ip,
        detail: { reason: 'email-not-verified' },
      });
      throw new DomainError(ErrorCode.EmailNotVerified, 'Please verify your email address first: follow the link in the mail we sent you');
    }
    return { user, legacyForm };
  }

  private fingerprint(username: string): string {
    return usernameFingerprint(username, this.config.audit.usernameKey);
  }

  /** Re-checks a password of a known user (password change); no throttle reset, no side effects. */
  async matches(userId: string, password: string): Promise<boolean> {
    const user = await this.users.findById(userId);
    return this.hasher.verify(password, user?.passwordHash);
  }
}
