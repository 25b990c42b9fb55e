import { AuthPatterns, HealthPayload, HealthResult } from '@app/common';
import { EntityManager } from '@mikro-orm/core';
import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import Redis from 'ioredis';
import { REDIS } from '../redis/redis.module';

async function check(probe: () => Promise<unknown>): Promise<string> {
  try {
    await probe();
    return 'ok';
  } catch {
    return 'unavailable';
  }
}

/** Readiness of the auth-service's own dependencies, asked by the gateway's /health/ready. */
@Controller()
export class HealthController {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly em: EntityManager,
  ) {}

  @MessagePattern(AuthPatterns.Health)
  async health(@Payload() _payload: HealthPayload): Promise<HealthResult> {
    const [redis, database] = await Promise.all([check(() => this.redis.ping()), check(() => this.em.getConnection().execute('select 1'))]);
    return { status: redis === 'ok' && database === 'ok' ? 'ok' : 'error', checks: { redis, database } };
  }
}
