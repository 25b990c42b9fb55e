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
    // No message is being handled at start-up: the repositories need a context of their own.
    const state = await RequestContext.create(this.em, () => this.ensureAdmin());
    // One line in a fixed form (`npm start` repeats it in its ready line): whether someone can administer.
    this.logger.log(`bootstrap admin: ${state}`);
  }

  private async ensureAdmin(): Promise<string> {
    const admin = this.config.bootstrapAdmin;
    if (!admin) {
      const admins = await this.users.countActiveAdmins();
      return admins > 0
        ? `none configured; ${admins} active admin account${admins === 1 ? '' : 's'}`
        : 'none, and no admin account exists (set BOOTSTRAP_ADMIN_USERNAME and BOOTSTRAP_ADMIN_PASSWORD)';
    }
    const username = admin.username.toLowerCase();
    if (await this.users.findByUsername(username)) return `${username} exists`;
    const passwordHash = await this.hasher.hash(admin.password);
    await this.accounts.createUser({ username, email: null, passwordHash, roles: ['user', 'admin'] }, null);
    return `${username} created`;
  }
}
