import { Entity, EntityRepositoryType, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { v7 as uuidv7 } from 'uuid';
import { RecoveryCodeRepository } from './recovery-code.repository';

/** One recovery code of a user: only its SHA-256, and when it was spent (a code works once). */
@Entity({ tableName: 'recovery_codes', repository: () => RecoveryCodeRepository })
@Index({ properties: ['userId', 'codeHash'] })
export class RecoveryCode {
  [EntityRepositoryType]?: RecoveryCodeRepository;
  [OptionalProps]?: 'createdAt' | 'usedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'uuid' })
  userId!: string;

  /** SHA-256 (hex) of the code's canonical form (recovery-codes.ts). */
  @Property({ length: 64, hidden: true })
  codeHash!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  /** Null while the code is unused. */
  @Property({ type: 'datetime', nullable: true })
  usedAt: Date | null = null;
}
