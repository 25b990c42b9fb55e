import { ServiceMetrics } from '@app/common';
import type { FastifyInstance } from 'fastify';

/** Routes whose answers are login outcomes. */
const LOGIN_ROUTES = new Set(['POST /auth/login', 'POST /auth/token', 'POST /login']);

function loginOutcome(status: number): string {
  if (status === 200 || status === 303) return 'success';
  if (status === 401) return 'invalid_credentials';
  if (status === 403) return 'forbidden';
  if (status === 429) return 'throttled';
  if (status === 400 || status === 413) return 'bad_request';
  return 'error';
}

/**
 * Counts and times every HTTP answer by method, route template and status, once the response is
 * sent: guards reject (failed logins, 401s) before Nest interceptors would see the request.
 */
export function useHttpMetrics(fastify: FastifyInstance, metrics: ServiceMetrics): void {
  const duration = metrics.histogram('http_request_duration_seconds', 'HTTP answers by method, route and status', [
    'method',
    'route',
    'status',
  ]);
  const logins = metrics.counter('login_attempts_total', 'Login attempts by route and outcome', ['route', 'outcome']);
  fastify.addHook('onResponse', (request, reply, done) => {
    // The not-found handler has no route of its own.
    const route = request.is404 ? 'unmatched' : (request.routeOptions.url ?? 'unmatched');
    const status = String(reply.statusCode);
    duration.observe({ method: request.method, route, status }, reply.elapsedTime / 1e3);
    if (LOGIN_ROUTES.has(`${request.method} ${route}`)) logins.inc({ route, outcome: loginOutcome(reply.statusCode) });
    done();
  });
}
