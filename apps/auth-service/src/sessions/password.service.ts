import { AuthMethod, ChangePasswordPayload, DomainError, ErrorCode, PasswordChangeResult, amrAfter } from '@app/common';
import { Injectable } from '@nestjs/common';
import { CredentialsService } from '../credentials/credentials.service';
import { Transactions } from '../database/transactions';
import { PasswordHasher } from '../passwords/password.hasher';
import { assertAcceptablePassword } from '../passwords/password-policy';
import { LoginThrottle } from '../throttle/login-throttle';
import { SessionsService } from './sessions.service';

/**
 * Password change: the current password is required (wrong → Forbidden, nothing changes, and the
 * failure counts toward the login throttle); then every other session is revoked and a cookie session
 * is rotated to a new token and CSRF token.
 */
@Injectable()
export class PasswordService {
  constructor(
    private readonly transactions: Transactions,
    private readonly credentials: CredentialsService,
    private readonly sessions: SessionsService,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
  ) {}

  async change(payload: ChangePasswordPayload): Promise<PasswordChangeResult> {
    const current = await this.sessions.requireSession(payload.credential);
    const username = current.user.username;
    await this.checkCurrentPassword(current.userId, username, payload);
    assertAcceptablePassword(payload.newPassword, username);
    const passwordHash = await this.hasher.hash(payload.newPassword);
    await this.transactions.run(async ({ users, auditEvents }) => {
      const user = await users.requireById(current.userId);
      user.passwordHash = passwordHash;
      auditEvents.add({ type: 'password.changed', userId: user.id, actorId: user.id, ip: payload.client.ip });
    });
    if (payload.credential.kind === 'bearer') {
      await this.sessions.revokeAllForUser(current.userId, current.id);
      return { session: null };
    }
    await this.sessions.revokeAllForUser(current.userId);
    // The password was just checked: the new session is fresh, and keeps the factors the old one had.
    const { issued } = await this.sessions.issue({
      user: current.user,
      remember: current.remember,
      kind: 'browser',
      ip: payload.client.ip,
      userAgent: payload.client.userAgent,
      amr: amrAfter(current.amr, [AuthMethod.Password]),
    });
    return { session: issued };
  }

  /** The current password, checked under the login throttle's slots (a wrong one keeps its slot). */
  private async checkCurrentPassword(userId: string, username: string, payload: ChangePasswordPayload): Promise<void> {
    const attempt = await this.throttle.reserve(username, payload.client.ip);
    let matches = false;
    try {
      matches = await this.credentials.matches(userId, payload.currentPassword);
    } finally {
      // A wrong password keeps its slot; a right one, or a check that did not finish, gives it back without clearing the count.
      await this.throttle.settle(attempt, matches ? 'abandoned' : 'failed');
    }
    if (!matches) throw new DomainError(ErrorCode.Forbidden, 'Current password is wrong');
  }
}
