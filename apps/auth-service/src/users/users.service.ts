import { DomainError, ErrorCode, PublicUser, RegisterPayload } from '@app/common';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { PasswordHasher } from '../passwords/password.hasher';
import { assertAcceptablePassword } from '../passwords/password-policy';
import { toPublicUser } from './public-user';
import { User } from './user.entity';

/** Account creation: policy, uniqueness, hashing, and the audit event in the same transaction. */
@Injectable()
export class UsersService {
  constructor(
    private readonly em: EntityManager,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
  ) {}

  async register(payload: RegisterPayload): Promise<PublicUser> {
    const username = payload.username.toLowerCase();
    const email = payload.email ? payload.email.toLowerCase() : null;
    assertAcceptablePassword(payload.password, username);
    await this.assertAvailable(username, email);
    const passwordHash = await this.hasher.hash(payload.password);
    const user = await this.createUser({ username, email, passwordHash, roles: ['user'] }, payload.client.ip);
    return toPublicUser(user);
  }

  /** Creates a user with its `user.registered` event; a unique-key race becomes Conflict. */
  async createUser(
    fields: { username: string; email: string | null; passwordHash: string; roles: string[] },
    ip: string | null,
  ): Promise<User> {
    try {
      return await this.em.transactional(async (em) => {
        const user = em.create(User, fields);
        em.persist(user);
        this.audit.stage(em, { type: 'user.registered', userId: user.id, actorId: user.id, ip, detail: { username: user.username } });
        return user;
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw new DomainError(ErrorCode.Conflict, 'Username or email is already taken');
      }
      throw error;
    }
  }

  private async assertAvailable(username: string, email: string | null): Promise<void> {
    const taken = await this.em.count(User, email ? { $or: [{ username }, { email }] } : { username });
    if (taken > 0) throw new DomainError(ErrorCode.Conflict, 'Username or email is already taken');
  }
}
