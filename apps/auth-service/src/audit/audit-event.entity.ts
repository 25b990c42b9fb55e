import { Entity, EntityRepositoryType, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { v7 as uuidv7 } from 'uuid';
import { AuditEventRepository } from './audit-event.repository';

/** One line of the audit log, written in the same transaction as the change it records. */
@Entity({ tableName: 'audit_events', repository: () => AuditEventRepository })
@Index({ properties: ['userId', 'id'] })
@Index({ properties: ['type', 'id'] })
export class AuditEvent {
  [EntityRepositoryType]?: AuditEventRepository;
  [OptionalProps]?: 'at' | 'detail' | 'userId' | 'actorId' | 'ip';

  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ length: 64 })
  type!: string;

  /** The subject: the user the event is about. */
  @Property({ type: 'uuid', nullable: true })
  userId: string | null = null;

  /** Who did it (the user themselves, or an admin). */
  @Property({ type: 'uuid', nullable: true })
  actorId: string | null = null;

  @Property({ length: 64, nullable: true })
  ip: string | null = null;

  @Property({ type: 'datetime' })
  at: Date = new Date();

  @Property({ type: 'json' })
  detail: Record<string, unknown> = {};
}
