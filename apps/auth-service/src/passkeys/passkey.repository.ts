import { EntityRepository } from '@mikro-orm/knex';
import type { Passkey } from './passkey.entity';

/** The fields a new passkey is stored with; the rest take the entity's defaults. */
export type NewPasskey = Pick<Passkey, 'userId' | 'credentialId' | 'publicKey' | 'signCount' | 'transports' | 'name'>;

/**
 * The only door to the `passkeys` table. Writes are meant for the repository `Transactions.run` hands
 * out, so a passkey and the user's `passkey_count` change together.
 */
export class PasskeyRepository extends EntityRepository<Passkey> {
  /** A user's passkeys, oldest first. */
  listForUser(userId: string): Promise<Passkey[]> {
    return this.find({ userId }, { orderBy: { id: 'asc' } });
  }

  findByCredentialId(credentialId: string): Promise<Passkey | null> {
    return this.findOne({ credentialId });
  }

  /** A new passkey in this repository's unit of work: inserted when its transaction commits. */
  add(fields: NewPasskey): Passkey {
    const passkey = this.create(fields);
    this.getEntityManager().persist(passkey);
    return passkey;
  }

  /** Deletes the passkey only if it is this user's; true when one was deleted. */
  async removeOwn(userId: string, id: string): Promise<boolean> {
    return (await this.nativeDelete({ id, userId })) === 1;
  }

  /**
   * Records an accepted assertion: the new sign counter and the time, only if the stored counter is
   * still the one the assertion was checked against. Of two concurrent uses of one assertion exactly
   * one wins; false for the other (and for a passkey removed meanwhile).
   */
  async recordUse(id: string, checkedCount: number, newCount: number, at: Date): Promise<boolean> {
    return (await this.nativeUpdate({ id, signCount: checkedCount }, { signCount: newCount, lastUsedAt: at })) === 1;
  }
}
