import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';

/** The audit log, for admins. */
@Module({ controllers: [AuditController] })
export class AuditModule {}
