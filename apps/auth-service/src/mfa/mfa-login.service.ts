import {
  AuthMethod,
  ClientInfoPayload,
  DomainError,
  ErrorCode,
  LoginResult,
  LoginSecondFactorPayload,
  MfaChallenge,
  PublicUser,
  amrAfter,
} from '@app/common';
import { Injectable } from '@nestjs/common';
import { CredentialsService } from '../credentials/credentials.service';
import { SessionsService } from '../sessions/sessions.service';
import { LoginThrottle } from '../throttle/login-throttle';
import { toPublicUser } from '../users/public-user';
import { User } from '../users/user.entity';
import { UserRepository } from '../users/user.repository';
import { MfaChallengeStore } from './mfa-challenge.store';
import { CodeCheckPurpose, SecondFactorCode, SecondFactorService } from './second-factor.service';

/** What a login with a password and a one-time code records: RFC 8176 `pwd`, `otp`, and `mfa`. */
export const PASSWORD_AND_CODE = amrAfter([AuthMethod.Password], [AuthMethod.OneTimePassword]);

/**
 * The login of an account with TOTP, in two steps: the password step opens a challenge (an mfaToken,
 * no session), and the code step passes it and gets the session; or, for the password grant, both at
 * once. Wrong codes count toward the username's failed-login throttle and kill the token after five.
 */
@Injectable()
export class MfaLoginService {
  constructor(
    private readonly challenges: MfaChallengeStore,
    private readonly factors: SecondFactorService,
    private readonly credentials: CredentialsService,
    private readonly sessions: SessionsService,
    private readonly throttle: LoginThrottle,
    private readonly users: UserRepository,
  ) {}

  /** The password was right: the second step's token, carrying `remember` over. */
  async challenge(user: User, remember: boolean): Promise<MfaChallenge> {
    const { token, expiresAt } = await this.challenges.open({ userId: user.id, username: user.username, remember });
    return { mfaRequired: true, mfaToken: token, methods: ['totp', 'recovery_code'], expiresAt: new Date(expiresAt).toISOString() };
  }

  /** `POST /auth/login/mfa`: answers exactly as a login does. */
  async completeChallenge(payload: LoginSecondFactorPayload): Promise<LoginResult> {
    const code = SecondFactorService.codeOf(payload);
    const expired = new DomainError(ErrorCode.Unauthenticated, 'This sign-in has expired or ended; log in again');
    const pending = await this.challenges.find(payload.mfaToken);
    if (!pending) throw expired;
    const user = await this.users.findById(pending.userId);
    if (!user || !user.active || !user.totpEnabledAt) throw expired;
    try {
      await this.passCode(user, code, 'login', payload.client);
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.InvalidCredentials) await this.challenges.countWrongCode(pending);
      throw error;
    }
    if (!(await this.challenges.take(pending))) throw expired;
    const loggedIn = toPublicUser(await this.credentials.completeLogin(user, payload.client, 'session', PASSWORD_AND_CODE));
    const { issued } = await this.sessions.issue(this.newSession(loggedIn, pending.remember, 'browser', payload.client));
    return { user: loggedIn, ...issued };
  }

  /** The password grant of an account with TOTP: the code in the same request (`totp`), else 403 MFA_REQUIRED. */
  async passwordGrantCode(user: User, totp: string | undefined, client: ClientInfoPayload): Promise<PublicUser> {
    if (totp === undefined) throw new DomainError(ErrorCode.MfaRequired, 'This account has a second factor: send totp with the password');
    await this.passCode(user, { totp }, 'token', client);
    return toPublicUser(await this.credentials.completeLogin(user, client, 'token', PASSWORD_AND_CODE));
  }

  /** The session a completed two-factor login opens. */
  newSession(user: PublicUser, remember: boolean, kind: 'browser' | 'api', client: ClientInfoPayload) {
    return { user, remember, kind, ip: client.ip, userAgent: client.userAgent, amr: PASSWORD_AND_CODE };
  }

  /** A throttled username gets 429 before any code is looked at; a wrong code is counted and is a 401. */
  private async passCode(user: User, code: SecondFactorCode, purpose: CodeCheckPurpose, client: ClientInfoPayload): Promise<void> {
    // Under the username's attempt slots, as the password was: a correct code completes the login and clears the count.
    if (await this.throttle.guard(user.username, client.ip, () => this.factors.check(user, code, purpose, client), 'clear')) return;
    throw new DomainError(ErrorCode.InvalidCredentials, 'Invalid code');
  }
}
