import { z } from 'zod';

/** Every variable the admin-service reads, with its default. */
export const adminConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRANSPORT_URL: z.string().url().default('redis://127.0.0.1:6379'),
  TRANSPORT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3000),
  SESSION_CACHE_TTL_MS: z.coerce.number().int().min(0).max(60_000).default(5000),
  SESSION_CACHE_MAX: z.coerce.number().int().min(1).default(10_000),
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
});

export interface AdminConfig {
  env: 'development' | 'production' | 'test';
  logLevel: z.infer<typeof adminConfigSchema>['LOG_LEVEL'];
  transportUrl: string;
  transportTimeoutMs: number;
  sessionCacheTtlMs: number;
  sessionCacheMax: number;
  /** Serves Prometheus /metrics on this port when set. */
  metricsPort?: number;
}

/** Validates the environment once at boot; throws a message naming every bad variable. */
export function loadAdminConfig(source: NodeJS.ProcessEnv = process.env): AdminConfig {
  const parsed = adminConfigSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const env = parsed.data;
  if (env.NODE_ENV === 'production' && !new URL(env.TRANSPORT_URL).password) {
    throw new Error('Invalid configuration:\n  TRANSPORT_URL must carry a password in production');
  }
  return {
    env: env.NODE_ENV,
    logLevel: env.LOG_LEVEL,
    transportUrl: env.TRANSPORT_URL,
    transportTimeoutMs: env.TRANSPORT_TIMEOUT_MS,
    sessionCacheTtlMs: env.SESSION_CACHE_TTL_MS,
    sessionCacheMax: env.SESSION_CACHE_MAX,
    metricsPort: env.METRICS_PORT,
  };
}
