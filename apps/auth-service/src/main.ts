import 'reflect-metadata';
import { PASSWORD_HASHING_PATTERNS, ServiceMetrics, assertRedisReachable, runService, startMicroservice } from '@app/common';
import { MikroORM } from '@mikro-orm/core';
import { AuthServiceModule } from './auth-service.module';
import { loadAuthConfig } from './config/auth.config';
import { ormMessageScope } from './database/orm-message-scope';

runService(async () => {
  const config = loadAuthConfig();
  await assertRedisReachable(config.redis, 'sessions');
  await startMicroservice(AuthServiceModule.register(config), {
    name: 'auth-service',
    transportUrl: config.transportUrl,
    metrics: new ServiceMetrics('auth-service'),
    metricsPort: config.metricsPort,
    messageScope: (app) => ormMessageScope(app.get(MikroORM)),
    // A message that hashes may wait in the login queue: its sender hears that it arrived and is still
    // waiting (at once, then three times per transport timeout), so a lost one fails at that timeout.
    acknowledged: { patterns: PASSWORD_HASHING_PATTERNS, receiptIntervalMs: Math.max(50, Math.floor(config.transportTimeoutMs / 3)) },
  });
});
