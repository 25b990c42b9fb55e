import { EntityManager, RequestContext } from '@mikro-orm/core';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AUTH_CONFIG, AuthConfig } from '../config/auth.config';
import { PasswordHasher } from '../passwords/password.hasher';
import { UserRepository } from './user.repository';
import { UsersService } from './users.service';

/** Creates the bootstrap admin at start-up (after the migrations) if that user does not exist yet (idempotent). */
@Injectable()
export class BootstrapAdminService implements OnApplicationBootstrap {
  private readonly logger = new Logger(BootstrapAdminService.name);

  constructor(
    private readonly em: EntityManager,
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly accounts: UsersService,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const admin = this.config.bootstrapAdmin;
    // No message is being handled at start-up: the repositories need a context of their own.
    if (admin) await RequestContext.create(this.em, () => this.ensureAdmin(admin));
  }

  private async ensureAdmin(admin: { username: string; password: string }): Promise<void> {
    const username = admin.username.toLowerCase();
    if (await this.users.findByUsername(username)) return;
    const passwordHash = await this.hasher.hash(admin.password);
    await this.accounts.createUser({ username, email: null, passwordHash, roles: ['user', 'admin'] }, null);
    this.logger.log(`created bootstrap admin "${username}"`);
  }
}
