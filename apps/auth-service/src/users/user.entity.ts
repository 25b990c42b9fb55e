import { BigIntType, Entity, EntityRepositoryType, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { v7 as uuidv7 } from 'uuid';
import { UserRepository } from './user.repository';

/** A user account. UUIDv7 ids sort by creation, which is what makes cursor pagination stable. */
@Entity({ tableName: 'users', repository: () => UserRepository })
export class User {
  [EntityRepositoryType]?: UserRepository;
  [OptionalProps]?:
    | 'email'
    | 'roles'
    | 'active'
    | 'createdAt'
    | 'updatedAt'
    | 'lastLoginAt'
    | 'emailVerifiedAt'
    | 'totpSecret'
    | 'totpEnabledAt'
    | 'totpLastStep'
    | 'passkeyCount';

  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  /** Lower-cased, so uniqueness is case-insensitive. */
  @Property({ length: 32, unique: true })
  username!: string;

  /** Lower-cased, unique when present. */
  @Property({ length: 254, nullable: true, unique: true })
  email: string | null = null;

  @Property({ length: 100, hidden: true })
  passwordHash!: string;

  @Property({ type: 'json' })
  roles: string[] = ['user'];

  @Property()
  active: boolean = true;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  lastLoginAt: Date | null = null;

  /** When the current `email` was proven by a link; null = unverified (cleared whenever the email changes). */
  @Property({ type: 'datetime', nullable: true })
  emailVerifiedAt: Date | null = null;

  /** The TOTP secret as AES-256-GCM ciphertext (never the secret itself); set at setup, before it is enabled. */
  @Property({ type: 'text', nullable: true, hidden: true })
  totpSecret: string | null = null;

  /** When TOTP was confirmed and turned on; null = off. */
  @Property({ type: 'datetime', nullable: true })
  totpEnabledAt: Date | null = null;

  /** The last RFC 6238 time step whose code was accepted: a code is accepted once (advanceTotpStep). */
  @Property({ type: new BigIntType('number'), nullable: true, hidden: true })
  totpLastStep: number | null = null;

  /** How many passkeys the user has, kept in the transaction that adds or removes one (no join to read it). */
  @Property({ type: 'integer', default: 0 })
  passkeyCount: number = 0;
}
