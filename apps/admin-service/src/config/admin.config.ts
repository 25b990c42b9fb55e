import {
  LogFormat,
  parseEnvironment,
  resolveLogFormat,
  serviceEnvironmentShape,
  sessionCacheEnvironmentShape,
  transportHasPassword,
} from '@app/common';
import { z } from 'zod';

/** Every variable the admin-service reads, with its default. */
export const adminConfigSchema = z.object({
  ...serviceEnvironmentShape,
  ...sessionCacheEnvironmentShape,
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
});

export interface AdminConfig {
  env: 'development' | 'production' | 'test';
  logLevel: z.infer<typeof adminConfigSchema>['LOG_LEVEL'];
  /** JSON, or human-readable lines (LOG_FORMAT; by default pretty only in development on a terminal). */
  logFormat: LogFormat;
  transportUrl: string;
  transportTimeoutMs: number;
  sessionCacheTtlMs: number;
  sessionCacheMax: number;
  /** Serves Prometheus /metrics on this port when set. */
  metricsPort?: number;
}

/** Validates the environment once at boot; throws a message naming every bad variable. */
export function loadAdminConfig(source: NodeJS.ProcessEnv = process.env): AdminConfig {
  const env = parseEnvironment(adminConfigSchema, source);
  if (env.NODE_ENV === 'production' && !transportHasPassword(env.TRANSPORT_URL)) {
    throw new Error('Invalid configuration:\n  TRANSPORT_URL must carry a password in production');
  }
  return {
    env: env.NODE_ENV,
    logLevel: env.LOG_LEVEL,
    logFormat: resolveLogFormat(env),
    transportUrl: env.TRANSPORT_URL,
    transportTimeoutMs: env.TRANSPORT_TIMEOUT_MS,
    sessionCacheTtlMs: env.SESSION_CACHE_TTL_MS,
    sessionCacheMax: env.SESSION_CACHE_MAX,
    metricsPort: env.METRICS_PORT,
  };
}
