import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import * as bcrypt from 'bcrypt';
import { normalizePassword, passwordVerificationForms } from '@app/common';
import { AUTH_CONFIG, AuthConfig } from '../config/auth.config';
import { HashingQueue } from './hashing-queue';

/**
 * bcrypt behind one small interface: always the async API, so hashing never blocks the event loop,
 * and always through the HashingQueue, so a login flood cannot queue more work than can be answered.
 */
@Injectable()
export class PasswordHasher implements OnModuleInit {
  private dummyHash = '';
  private readonly queue: HashingQueue;

  constructor(@Inject(AUTH_CONFIG) private readonly config: AuthConfig) {
    const { concurrency, maxWaiting, queueBudgetMs } = config.bcrypt;
    // The caller waits the transport timeout plus the budget (passwordHashingTimeouts): a waiting hash
    // must still leave time for the hash itself and the reply within it.
    const maxWaitMs = Math.max(100, queueBudgetMs + config.transportTimeoutMs - 1000);
    this.queue = new HashingQueue({ concurrency, budgetMs: queueBudgetMs, maxWaiting, maxWaitMs });
  }

  async onModuleInit(): Promise<void> {
    // Compared against when the username is unknown, so both paths cost one bcrypt at the same cost.
    this.dummyHash = await this.hash('dummy-password-for-unknown-users');
  }

  /** bcrypt of the password's NFC form: "é" precomposed or as "e" + U+0301 is one password (NIST SP 800-63B). */
  hash(password: string): Promise<string> {
    return this.queue.run(() => bcrypt.hash(normalizePassword(password), this.config.bcryptCost));
  }

  /**
   * Checks a password against a stored hash, or against the dummy hash when there is no user (the same
   * compares either way): its NFC form, then the form as typed, which is what a hash made before
   * passwords were normalised holds. `legacyForm`: only the latter matched, so the caller should store
   * a new hash (of the NFC form) now that it knows the password.
   */
  async check(password: string, hash: string | undefined): Promise<{ matches: boolean; legacyForm: boolean }> {
    const forms = passwordVerificationForms(password);
    for (const [index, form] of forms.entries()) {
      if (await this.queue.run(() => bcrypt.compare(form, hash ?? this.dummyHash))) return { matches: true, legacyForm: index > 0 };
    }
    return { matches: false, legacyForm: false };
  }

  /** Whether the password is the one of this hash (see `check`). */
  async verify(password: string, hash: string | undefined): Promise<boolean> {
    return (await this.check(password, hash)).matches;
  }

  /** Throws Unavailable at once when a hash asked for now would be refused (see HashingQueue.assertRoom). */
  assertCapacity(): void {
    this.queue.assertRoom();
  }

  /** True when the hash was made at a lower cost than configured (re-hash on the next login). */
  needsRehash(hash: string): boolean {
    return bcrypt.getRounds(hash) < this.config.bcryptCost;
  }
}
