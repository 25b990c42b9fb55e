import {
  AuthMethod,
  DomainError,
  ErrorCode,
  LoginResult,
  PasskeyAuthenticationOptions,
  PasskeyAuthenticationOptionsPayload,
  PasskeyLoginPayload,
} from '@app/common';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { Transactions } from '../database/transactions';
import { SessionsService } from '../sessions/sessions.service';
import { LoginThrottle } from '../throttle/login-throttle';
import { toPublicUser } from '../users/public-user';
import { User } from '../users/user.entity';
import { UserRepository } from '../users/user.repository';
import { PasskeyCeremonies } from './passkey-ceremonies';
import { PasskeyRepository } from './passkey.repository';
import { WebAuthnChallenges } from './webauthn-challenges';

/** A passkey with user verification is something you have and something you are (or know): two factors. */
const PASSKEY_AMR = [AuthMethod.HardwareKey, AuthMethod.MultipleFactors];

/**
 * Signing in with a passkey, as complete a login as a password's: throttled per IP (there is no
 * username), a brand-new session, the login audited. Every refusal is the same 401 and counts against the IP.
 */
@Injectable()
export class PasskeyLoginService {
  constructor(
    private readonly ceremonies: PasskeyCeremonies,
    private readonly challenges: WebAuthnChallenges,
    private readonly passkeys: PasskeyRepository,
    private readonly users: UserRepository,
    private readonly transactions: Transactions,
    private readonly sessions: SessionsService,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditService,
  ) {}

  /** A sign-in challenge; a throttled IP gets none. */
  async options(payload: PasskeyAuthenticationOptionsPayload): Promise<PasskeyAuthenticationOptions> {
    await this.throttle.assertIpAllowed(payload.client.ip);
    const options = await this.ceremonies.authenticationOptions();
    await this.challenges.remember(options.challenge, { kind: 'authentication' });
    return options;
  }

  async login(payload: PasskeyLoginPayload): Promise<LoginResult> {
    const { ip, userAgent } = payload.client;
    try {
      await this.throttle.assertIpAllowed(ip);
    } catch (error) {
      await this.audit.recordDetached({ type: 'login.throttled', ip, detail: { method: 'passkey' } });
      throw error;
    }
    const user = toPublicUser(await this.verify(payload));
    const { issued } = await this.sessions.issue({
      user,
      remember: payload.remember === true,
      kind: 'browser',
      ip,
      userAgent,
      amr: PASSKEY_AMR,
    });
    return { user, ...issued };
  }

  /** The user the assertion proves, with the new sign counter stored and the login audited; else a refusal. */
  private async verify(payload: PasskeyLoginPayload): Promise<User> {
    const { response, client } = payload;
    const challenge = PasskeyCeremonies.challengeOf(response);
    // Taken before anything else: whatever happens next, this challenge is spent.
    const purpose = challenge ? await this.challenges.take(challenge) : null;
    if (!challenge || purpose?.kind !== 'authentication') throw await this.refuse(client.ip, 'challenge');
    const passkey = response.id === response.rawId ? await this.passkeys.findByCredentialId(response.id) : null;
    if (!passkey) throw await this.refuse(client.ip, 'unknown-passkey');
    const userHandle = response.response.userHandle;
    if (userHandle && userHandle !== PasskeyCeremonies.userHandleOf(passkey.userId)) {
      throw await this.refuse(client.ip, 'user-handle', passkey.userId);
    }
    const verified = await this.ceremonies.verifyAuthentication(response, challenge, passkey);
    if (!verified) throw await this.refuse(client.ip, 'verification', passkey.userId);
    const user = await this.users.findById(passkey.userId);
    if (!user) throw await this.refuse(client.ip, 'unknown-passkey');
    if (!user.active) {
      await this.audit.recordDetached({
        type: 'login.failed',
        userId: user.id,
        ip: client.ip,
        detail: { method: 'passkey', reason: 'disabled' },
      });
      throw new DomainError(ErrorCode.AccountDisabled, 'This account is disabled');
    }
    const signedIn = await this.transactions.run(async ({ passkeys, users, auditEvents }) => {
      // The counter moves only from the value it was checked against: of two uses of one assertion, one wins.
      const now = new Date();
      if (!(await passkeys.recordUse(passkey.id, passkey.signCount, verified.signCount, now))) return null;
      const fresh = await users.requireById(user.id);
      fresh.lastLoginAt = now;
      auditEvents.add({
        type: 'login.succeeded',
        userId: fresh.id,
        actorId: fresh.id,
        ip: client.ip,
        detail: { method: 'passkey', passkeyId: passkey.id },
      });
      return fresh;
    });
    if (!signedIn) throw await this.refuse(client.ip, 'counter', user.id);
    return signedIn;
  }

  /** One answer for every refusal (no oracle for which passkeys exist); the reason goes to the audit log. */
  private async refuse(ip: string, reason: string, userId?: string): Promise<DomainError> {
    await this.throttle.recordIpFailure(ip);
    await this.audit.recordDetached({ type: 'login.failed', userId, ip, detail: { method: 'passkey', reason } });
    return new DomainError(ErrorCode.Unauthenticated, 'This passkey sign-in was not accepted');
  }
}
