import { EntityRepository } from '@mikro-orm/knex';
import type { RecoveryCode } from './recovery-code.entity';

/** The only door to `recovery_codes`: replace a user's set, spend one code once, count, remove. */
export class RecoveryCodeRepository extends EntityRepository<RecoveryCode> {
  /** The user's codes are now exactly these hashes (the old set is void), in the caller's transaction. */
  async replaceAll(userId: string, codeHashes: readonly string[]): Promise<void> {
    await this.removeAll(userId);
    const createdAt = new Date();
    for (const codeHash of codeHashes) this.getEntityManager().persist(this.create({ userId, codeHash, createdAt }));
    await this.getEntityManager().flush();
  }

  /**
   * Spends the code with this hash, atomically: one conditional UPDATE (`used_at IS NULL`), so of two
   * requests with the same code exactly one wins. True when this call spent it.
   */
  async spend(userId: string, codeHash: string, at: Date): Promise<boolean> {
    return (await this.nativeUpdate({ userId, codeHash, usedAt: null }, { usedAt: at })) === 1;
  }

  countUnused(userId: string): Promise<number> {
    return this.count({ userId, usedAt: null });
  }

  async removeAll(userId: string): Promise<void> {
    await this.nativeDelete({ userId });
  }
}
