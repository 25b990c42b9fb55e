import { BigIntType, Entity, EntityRepositoryType, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { v7 as uuidv7 } from 'uuid';
import { PasskeyRepository } from './passkey.repository';

/**
 * A WebAuthn credential bound to one user: its credential id (what the authenticator names it by),
 * its COSE public key, the last sign counter it reported, its transports, a name, and when it was used.
 */
@Entity({ tableName: 'passkeys', repository: () => PasskeyRepository })
@Index({ properties: ['userId', 'id'] })
export class Passkey {
  [EntityRepositoryType]?: PasskeyRepository;
  [OptionalProps]?: 'createdAt' | 'lastUsedAt' | 'transports' | 'signCount';

  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'uuid' })
  userId!: string;

  /** Base64url, as the browser sends it back in every assertion. */
  @Property({ length: 1024, unique: true })
  credentialId!: string;

  /** The COSE public key, base64url. Not a secret, but nothing outside the auth-service needs it. */
  @Property({ type: 'text', hidden: true })
  publicKey!: string;

  /** The last signature counter accepted: an assertion must report a larger one (or 0 from an authenticator that keeps none). */
  @Property({ type: new BigIntType('number'), default: 0 })
  signCount: number = 0;

  @Property({ type: 'json' })
  transports: string[] = [];

  @Property({ length: 64 })
  name!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  lastUsedAt: Date | null = null;
}
