import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';

/** The admin-service's health message. */
@Module({ controllers: [HealthController] })
export class HealthModule {}
