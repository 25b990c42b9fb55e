import { DomainError, ErrorCode, PublicUser, RegisterPayload, canonicalEmail } from '@app/common';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import { AUTH_CONFIG, AuthConfig } from '../config/auth.config';
import { Transactions } from '../database/transactions';
import { PasswordHasher } from '../passwords/password.hasher';
import { RegistrationThrottle } from '../throttle/registration-throttle';
import { assertAcceptablePassword } from '../passwords/password-policy';
import { AccountMails } from '../verification/account-mails';
import { toPublicUser } from './public-user';
import { RegistrationClaims } from './registration-claims';
import { NewUser, UserRepository } from './user.repository';
import { User } from './user.entity';

/** Account creation: policy, a claim on the name, uniqueness, hashing, and the audit event and verification mail in the same transaction. */
@Injectable()
export class UsersService {
  constructor(
    private readonly users: UserRepository,
    private readonly transactions: Transactions,
    private readonly hasher: PasswordHasher,
    private readonly claims: RegistrationClaims,
    private readonly mails: AccountMails,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
    private readonly throttle: RegistrationThrottle,
  ) {}

  async register(payload: RegisterPayload): Promise<PublicUser> {
    const username = payload.username.toLowerCase();
    const email = UsersService.canonicalEmailOf(payload.email);
    // With REQUIRE_VERIFIED_EMAIL an account without an address could never log in.
    if (!email && this.config.lifecycle.requireVerifiedEmail) throw new DomainError(ErrorCode.ValidationFailed, ['email is required']);
    await this.throttle.count(payload.client.ip);
    assertAcceptablePassword(payload.password, username);
    // The name is claimed before any bcrypt work: a name taken, or being registered right now, costs no hash.
    const claim = await this.claims.claim(username, email);
    if (!claim) throw UsersService.taken();
    try {
      if (await this.users.isTaken(username, email)) throw UsersService.taken();
      const passwordHash = await this.hasher.hash(payload.password);
      const user = await this.createUser({ username, email, passwordHash, roles: ['user'] }, payload.client.ip);
      return toPublicUser(user);
    } finally {
      await this.claims.drop(claim);
    }
  }

  /** Creates a user with its `user.registered` event; a unique-key race becomes Conflict. */
  async createUser(fields: NewUser, ip: string | null): Promise<User> {
    try {
      return await this.transactions.run(async ({ users, auditEvents, outbox }) => {
        const user = users.add(fields);
        auditEvents.add({ type: 'user.registered', userId: user.id, actorId: user.id, ip, detail: { username: user.username } });
        if (user.email) await this.mails.stageVerification(outbox, { id: user.id, username: user.username, email: user.email });
        return user;
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw UsersService.taken();
      throw error;
    }
  }

  /** The address uniqueness is checked on (NFC, ASCII domain, lower case); refused when it has none. */
  private static canonicalEmailOf(email: string | undefined): string | null {
    if (!email) return null;
    const canonical = canonicalEmail(email);
    if (!canonical)
      throw new DomainError(ErrorCode.ValidationFailed, ['email must be a valid address, without invisible or control characters']);
    return canonical;
  }

  private static taken(): DomainError {
    return new DomainError(ErrorCode.Conflict, 'Username or email is already taken');
  }
}
