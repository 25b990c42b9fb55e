import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module } from '@nestjs/common';
import { AuditEvent } from './audit-event.entity';
import { AuditService } from './audit.service';

/** The audit log: the `audit_events` table behind its repository, and AuditService. */
@Module({
  imports: [MikroOrmModule.forFeature([AuditEvent])],
  providers: [AuditService],
  exports: [AuditService],
})
export class AuditModule {}
