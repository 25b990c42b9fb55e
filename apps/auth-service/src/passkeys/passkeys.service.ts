import {
  AddedPasskey,
  AuthenticatedUser,
  DomainError,
  ErrorCode,
  PasskeyRegistrationOptions,
  PasskeyView,
  RegisterPasskeyPayload,
} from '@app/common';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { Transactions } from '../database/transactions';
import { SessionsService } from '../sessions/sessions.service';
import { toPublicUser } from '../users/public-user';
import { User } from '../users/user.entity';
import { PasskeyCeremonies } from './passkey-ceremonies';
import { toPasskeyView } from './passkey-view';
import { PasskeyRepository } from './passkey.repository';
import { WebAuthnChallenges } from './webauthn-challenges';

/**
 * A user's own passkeys: registering one (options, then the browser's answer), listing and removing.
 * Each change moves `passkey_count` in its own transaction, and the sessions' user snapshot follows
 * (so the MFA-enrolment policy sees the new count at once).
 */
@Injectable()
export class PasskeysService {
  constructor(
    private readonly passkeys: PasskeyRepository,
    private readonly ceremonies: PasskeyCeremonies,
    private readonly challenges: WebAuthnChallenges,
    private readonly transactions: Transactions,
    private readonly sessions: SessionsService,
  ) {}

  /** Creation options whose challenge only this caller's session can answer, once, within 5 minutes. */
  async registrationOptions(caller: AuthenticatedUser): Promise<PasskeyRegistrationOptions> {
    const existing = await this.passkeys.listForUser(caller.id);
    const options = await this.ceremonies.registrationOptions({ id: caller.id, username: caller.username }, existing);
    await this.challenges.remember(options.challenge, { kind: 'registration', userId: caller.id, sessionId: caller.sessionId });
    return options;
  }

  async register(caller: AuthenticatedUser, payload: RegisterPasskeyPayload): Promise<AddedPasskey> {
    const challenge = PasskeyCeremonies.challengeOf(payload.response);
    const purpose = challenge ? await this.challenges.take(challenge) : null;
    // A challenge someone else asked for (another session, a sign-in) is as unknown as a spent one.
    if (!challenge || purpose?.kind !== 'registration' || purpose.userId !== caller.id || purpose.sessionId !== caller.sessionId) {
      throw new DomainError(ErrorCode.Unauthenticated, 'This passkey registration has expired or was already used; start again');
    }
    const credential = await this.ceremonies.verifyRegistration(payload.response, challenge);
    if (!credential) throw new DomainError(ErrorCode.ValidationFailed, 'The passkey could not be verified');
    const name = payload.name?.trim() || 'Passkey';
    try {
      const { passkey, user } = await this.transactions.run(async ({ passkeys, users, auditEvents }) => {
        const added = passkeys.add({ userId: caller.id, name, ...credential });
        const counted = await users.adjustPasskeyCount(caller.id, 1);
        auditEvents.add({
          type: 'passkey.added',
          userId: caller.id,
          actorId: caller.id,
          ip: payload.client.ip,
          detail: { passkeyId: added.id },
        });
        return { passkey: added, user: counted };
      });
      await this.userChanged(user);
      return { passkey: toPasskeyView(passkey) };
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException)
        throw new DomainError(ErrorCode.Conflict, 'This passkey is already registered');
      throw error;
    }
  }

  async list(userId: string): Promise<PasskeyView[]> {
    return (await this.passkeys.listForUser(userId)).map(toPasskeyView);
  }

  /** Removes one of the caller's passkeys: from this moment it signs nobody in. Someone else's is NotFound. */
  async remove(caller: AuthenticatedUser, passkeyId: string, ip: string): Promise<void> {
    const user = await this.transactions.run(async ({ passkeys, users, auditEvents }) => {
      if (!(await passkeys.removeOwn(caller.id, passkeyId))) throw new DomainError(ErrorCode.NotFound, 'No such passkey');
      auditEvents.add({ type: 'passkey.removed', userId: caller.id, actorId: caller.id, ip, detail: { passkeyId } });
      return users.adjustPasskeyCount(caller.id, -1);
    });
    await this.userChanged(user);
  }

  private userChanged(user: User): Promise<void> {
    return this.sessions.refreshUser(toPublicUser(user));
  }
}
