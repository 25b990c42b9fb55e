import 'reflect-metadata';
import { ServiceMetrics, assertRedisReachable, runService, startMicroservice } from '@app/common';
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
  });
});
