import { AuthPatterns, HealthPayload, HealthResult, RedisClient } from '@app/common';
import { EntityManager } from '@mikro-orm/core';
import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { REDIS } from '../redis/redis.module';

/** A dependency that does not answer within this is reported unavailable (the gateway's probe must not time out). */
const CHECK_TIMEOUT_MS = 1000;

async function check(probe: () => Promise<unknown>): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('health check timed out')), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([probe(), timedOut]);
    return 'ok';
  } catch {
    return 'unavailable';
  } finally {
    clearTimeout(timer);
  }
}

/** Readiness of the auth-service's own dependencies, asked by the gateway's /health/ready. */
@Controller()
export class HealthController {
  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    private readonly em: EntityManager,
  ) {}

  @MessagePattern(AuthPatterns.Health)
  async health(@Payload() _payload: HealthPayload): Promise<HealthResult> {
    const [redis, database] = await Promise.all([check(() => this.redis.ping()), check(() => this.em.getConnection().execute('select 1'))]);
    return { status: redis === 'ok' && database === 'ok' ? 'ok' : 'error', checks: { redis, database } };
  }
}
