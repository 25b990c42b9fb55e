import 'reflect-metadata';
import { ServiceMetrics, SessionResolver, runService, startMicroservice } from '@app/common';
import { AdminServiceModule } from './admin-service.module';
import { loadAdminConfig } from './config/admin.config';

runService(async () => {
  const config = loadAdminConfig();
  const metrics = new ServiceMetrics('admin-service');
  const app = await startMicroservice(AdminServiceModule.register(config, metrics), {
    name: 'admin-service',
    transportUrl: config.transportUrl,
    metrics,
    metricsPort: config.metricsPort,
  });
  metrics.watchResolver(app.get(SessionResolver));
});
