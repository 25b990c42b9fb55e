import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import * as bcrypt from 'bcrypt';
import { AUTH_CONFIG, AuthConfig } from '../config/auth.config';

/** bcrypt behind one small interface: always the async API, so hashing never blocks the event loop. */
@Injectable()
export class PasswordHasher implements OnModuleInit {
  private dummyHash = '';

  constructor(@Inject(AUTH_CONFIG) private readonly config: AuthConfig) {}

  async onModuleInit(): Promise<void> {
    // Compared against when the username is unknown, so both paths cost one bcrypt at the same cost.
    this.dummyHash = await this.hash('dummy-password-for-unknown-users');
  }

  hash(password: string): Promise<string> {
    return bcrypt.hash(password, this.config.bcryptCost);
  }

  /** Checks a password against a stored hash, or against the dummy hash when there is no user. */
  verify(password: string, hash: string | undefined): Promise<boolean> {
    return bcrypt.compare(password, hash ?? this.dummyHash);
  }

  /** True when the hash was made at a lower cost than configured (re-hash on the next login). */
  needsRehash(hash: string): boolean {
    return bcrypt.getRounds(hash) < this.config.bcryptCost;
  }
}
