import { AuthMethod, AuthenticatedUser, DomainError, ErrorCode, ReauthenticatePayload, Reauthentication } from '@app/common';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { CredentialsService } from '../credentials/credentials.service';
import { SessionStore } from '../sessions/session.store';
import { SessionsService } from '../sessions/sessions.service';
import { LoginThrottle } from '../throttle/login-throttle';
import { UserRepository } from '../users/user.repository';
import { SecondFactorService } from './second-factor.service';

const wrong = (): DomainError => new DomainError(ErrorCode.InvalidCredentials, 'Invalid password or code');

/**
 * `POST /auth/reauthenticate`: the password (or a TOTP code) checked again for the caller's own
 * session, under the login's throttle (a throttled username gets 429 before bcrypt; a wrong answer
 * counts as a failed login). The session is then fresh, and its `amr` gains the method.
 */
@Injectable()
export class ReauthenticationService {
  constructor(
    private readonly credentials: CredentialsService,
    private readonly factors: SecondFactorService,
    private readonly sessions: SessionsService,
    private readonly store: SessionStore,
    private readonly throttle: LoginThrottle,
    private readonly users: UserRepository,
    private readonly audit: AuditService,
  ) {}

  async reauthenticate(caller: AuthenticatedUser, payload: ReauthenticatePayload): Promise<Reauthentication> {
    if ((payload.password === undefined) === (payload.totp === undefined)) {
      throw new DomainError(ErrorCode.ValidationFailed, 'give either password or totp');
    }
    const { ip } = payload.client;
    const method = payload.password !== undefined ? AuthMethod.Password : AuthMethod.OneTimePassword;
    // Under the login's attempt slots (issue 20.1): no more guesses evaluated than the limit, however many arrive at once.
    const onSuccess = method === AuthMethod.Password ? 'clear' : 'keep';
    if (!(await this.throttle.guard(caller.username, ip, () => this.proves(caller, payload), onSuccess))) {
      await this.audit.recordDetached({ type: 'login.failed', userId: caller.id, ip, detail: { reason: 'reauthenticate', method } });
      throw wrong();
    }
    const session = await this.store.peek(caller.sessionId);
    const result = session ? await this.sessions.recordAuthentication(session, [method]) : null;
    if (!result) throw new DomainError(ErrorCode.Unauthenticated, 'Authentication required');
    await this.audit.recordDetached({ type: 'session.reauthenticated', userId: caller.id, actorId: caller.id, ip, detail: { method } });
    return result;
  }

  private async proves(caller: AuthenticatedUser, payload: ReauthenticatePayload): Promise<boolean> {
    if (payload.password !== undefined) return this.credentials.matches(caller.id, payload.password);
    const user = await this.users.findById(caller.id);
    if (!user?.totpEnabledAt) return false;
    return this.factors.check(user, { totp: payload.totp }, 'reauthenticate', payload.client);
  }
}
