import { Entity, EntityRepositoryType, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { v7 as uuidv7 } from 'uuid';
import { UserRepository } from './user.repository';

/** A user account. UUIDv7 ids sort by creation, which is what makes cursor pagination stable. */
@Entity({ tableName: 'users', repository: () => UserRepository })
export class User {
  [EntityRepositoryType]?: UserRepository;
  [OptionalProps]?: 'email' | 'roles' | 'active' | 'createdAt' | 'updatedAt' | 'lastLoginAt';

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
}
