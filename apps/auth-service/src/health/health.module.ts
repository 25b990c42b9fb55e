import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';

/** Readiness of Redis and the database, asked by the gateway's /health/ready. */
@Module({ controllers: [HealthController] })
export class HealthModule {}
