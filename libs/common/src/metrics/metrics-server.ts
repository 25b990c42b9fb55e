import { Logger } from '@nestjs/common';
import { Server, createServer } from 'node:http';
import { ServiceMetrics } from './service-metrics';

/**
 * A tiny HTTP server for a transport-only service's /metrics (Prometheus scrapes each replica).
 * Bind it to an internal interface: it is not meant to be published.
 */
export function startMetricsServer(metrics: ServiceMetrics, port: number, host = '0.0.0.0'): Server {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    metrics.text().then(
      (body) => response.writeHead(200, { 'content-type': metrics.contentType }).end(body),
      () => response.writeHead(500).end(),
    );
  });
  server.listen(port, host, () => new Logger('Metrics').log(`metrics on http://${host}:${port}/metrics`));
  return server;
}
