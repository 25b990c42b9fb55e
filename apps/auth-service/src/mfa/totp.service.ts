import {
  AuthMethod,
  AuthenticatedUser,
  ClientInfoPayload,
  DomainError,
  ErrorCode,
  MfaStatusResult,
  RecoveryCodesResult,
  TotpSetupResult,
} from '@app/common';
import { Inject, Injectable } from '@nestjs/common';
import { AUTH_CONFIG, AuthConfig } from '../config/auth.config';
import { Transactions } from '../database/transactions';
import { SessionStore } from '../sessions/session.store';
import { SessionsService } from '../sessions/sessions.service';
import { LoginThrottle } from '../throttle/login-throttle';
import { toPublicUser } from '../users/public-user';
import { User } from '../users/user.entity';
import { UserRepository } from '../users/user.repository';
import { RecoveryCodeRepository } from './recovery-code.repository';
import { newRecoveryCodes, recoveryCodeHash } from './recovery-codes';
import { SecondFactorCode, SecondFactorService } from './second-factor.service';
import { newTotpSecret, otpauthUrlOf } from './totp-codes';

/** A right code that still does not prove anything here (wrong, or already used): like a wrong current password, 403. */
const wrongCode = (): DomainError => new DomainError(ErrorCode.Forbidden, 'That code is not right (or was already used)');

/**
 * TOTP for the caller's own account: set up (a secret, not active yet), confirm with a first code
 * (on, with recovery codes; every other session revoked), turn off, new recovery codes, and the state
 * the account page shows. Each change and its audit event commit together.
 */
@Injectable()
export class TotpService {
  constructor(
    private readonly users: UserRepository,
    private readonly transactions: Transactions,
    private readonly factors: SecondFactorService,
    private readonly sessions: SessionsService,
    private readonly store: SessionStore,
    private readonly throttle: LoginThrottle,
    private readonly recoveryCodes: RecoveryCodeRepository,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
  ) {}

  async setup(caller: AuthenticatedUser): Promise<TotpSetupResult> {
    const user = await this.users.requireById(caller.id);
    if (user.totpEnabledAt) throw new DomainError(ErrorCode.Conflict, 'TOTP is already on; turn it off first to set up a new one');
    const secret = newTotpSecret();
    await this.transactions.run(({ users }) => users.setTotp(user.id, { secret: this.factors.seal(user.id, secret), enabledAt: null }));
    return this.setupOf(user, secret);
  }

  async confirm(caller: AuthenticatedUser, totp: string, client: ClientInfoPayload): Promise<RecoveryCodesResult> {
    const user = await this.users.requireById(caller.id);
    if (user.totpEnabledAt || !user.totpSecret)
      throw new DomainError(ErrorCode.Conflict, 'There is no TOTP setup waiting for its first code');
    const step = SecondFactorService.timeStepOf(this.factors.secretOf(user), totp);
    if (step === null) throw wrongCode();
    const recoveryCodes = newRecoveryCodes();
    const enabled = await this.transactions.run(async ({ users, recoveryCodes: codes, auditEvents }) => {
      if (!(await users.advanceTotpStep(user.id, step))) throw wrongCode();
      const updated = await users.setTotp(user.id, { secret: user.totpSecret as string, enabledAt: new Date() });
      await codes.replaceAll(user.id, recoveryCodes.map(recoveryCodeHash));
      auditEvents.add({ type: 'mfa.enabled', userId: user.id, actorId: user.id, ip: client.ip, detail: { method: 'totp' } });
      return updated;
    });
    // Whoever else held a session of this account (perhaps the reason for turning TOTP on) is out.
    await this.sessions.revokeAllForUser(user.id, caller.sessionId);
    await this.sessions.refreshUser(toPublicUser(enabled));
    const session = await this.store.peek(caller.sessionId);
    if (session) await this.sessions.recordAuthentication(session, [AuthMethod.OneTimePassword]);
    return { recoveryCodes };
  }

  /** Turning TOTP off takes a code (TOTP or recovery), counted like a login's. */
  async disable(caller: AuthenticatedUser, given: SecondFactorCode, client: ClientInfoPayload): Promise<void> {
    const code = SecondFactorService.codeOf(given);
    const user = await this.requireTotpOn(caller);
    if (!(await this.throttle.guard(user.username, client.ip, () => this.factors.check(user, code, 'disable', client)))) {
      throw wrongCode();
    }
    const disabled = await this.transactions.run(async ({ users, recoveryCodes, auditEvents }) => {
      const updated = await users.clearTotp(user.id);
      await recoveryCodes.removeAll(user.id);
      auditEvents.add({ type: 'mfa.disabled', userId: user.id, actorId: user.id, ip: client.ip, detail: { method: 'totp' } });
      return updated;
    });
    await this.sessions.refreshUser(toPublicUser(disabled));
  }

  async regenerateRecoveryCodes(caller: AuthenticatedUser, client: ClientInfoPayload): Promise<RecoveryCodesResult> {
    const user = await this.requireTotpOn(caller);
    const recoveryCodes = newRecoveryCodes();
    await this.transactions.run(async ({ recoveryCodes: codes, auditEvents }) => {
      await codes.replaceAll(user.id, recoveryCodes.map(recoveryCodeHash));
      auditEvents.add({ type: 'mfa.recovery_codes_regenerated', userId: user.id, actorId: user.id, ip: client.ip });
    });
    return { recoveryCodes };
  }

  /** A pending setup's secret is shown again only to a fresh session (it is what a stolen old cookie must not read). */
  async status(caller: AuthenticatedUser): Promise<MfaStatusResult> {
    const user = await this.users.requireById(caller.id);
    const fresh = caller.freshUntil > Date.now();
    const pending = !user.totpEnabledAt && user.totpSecret && fresh ? this.setupOf(user, this.factors.secretOf(user)) : null;
    const recoveryCodesLeft = user.totpEnabledAt ? await this.recoveryCodes.countUnused(user.id) : 0;
    return { totp: user.totpEnabledAt !== null, pending, recoveryCodesLeft };
  }

  private async requireTotpOn(caller: AuthenticatedUser): Promise<User> {
    const user = await this.users.requireById(caller.id);
    if (!user.totpEnabledAt) throw new DomainError(ErrorCode.Conflict, 'TOTP is not on');
    return user;
  }

  private setupOf(user: User, secret: string): TotpSetupResult {
    return { secret, otpauthUrl: otpauthUrlOf(secret, this.config.mfa.totpIssuer, user.username) };
  }
}
