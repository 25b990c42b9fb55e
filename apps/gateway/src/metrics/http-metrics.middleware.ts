import { ServiceMetrics } from '@app/common';
import type { NextFunction, Request, Response } from 'express';

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
 * Counts and times every HTTP answer by method, route template and status, when the response is
 * finished: guards reject (failed logins, 401s) before Nest interceptors would see the request.
 */
export function httpMetricsMiddleware(metrics: ServiceMetrics): (request: Request, response: Response, next: NextFunction) => void {
  const duration = metrics.histogram('http_request_duration_seconds', 'HTTP answers by method, route and status', [
    'method',
    'route',
    'status',
  ]);
  const logins = metrics.counter('login_attempts_total', 'Login attempts by route and outcome', ['route', 'outcome']);
  return (request, response, next) => {
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      const routePath: unknown = (request.route as { path?: unknown } | undefined)?.path;
      const route = typeof routePath === 'string' ? routePath : 'unmatched';
      const status = String(response.statusCode);
      duration.observe({ method: request.method, route, status }, Number(process.hrtime.bigint() - started) / 1e9);
      if (LOGIN_ROUTES.has(`${request.method} ${route}`)) logins.inc({ route, outcome: loginOutcome(response.statusCode) });
    });
    next();
  };
}
