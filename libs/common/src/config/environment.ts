import { z } from 'zod';
import { parseTransportUrl } from '../transport/transport-url';

/** `redis://…` (one server) or `nats://a:4222[,nats://b:4222…]` (a NATS cluster), checked as the transport will read it. */
const transportUrl = z.string().superRefine((value, context) => {
  try {
    parseTransportUrl(value);
  } catch (error) {
    context.addIssue({ code: 'custom', message: (error as Error).message });
  }
});

/** Variables every service reads: environment, log level and the message transport. */
export const serviceEnvironmentShape = {
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Unset: `pretty` outside production when stdout is a terminal, else `json` (see `resolveLogFormat`). */
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  TRANSPORT_URL: transportUrl.default('redis://127.0.0.1:6379'),
  TRANSPORT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3000),
};

/** Variables of a service that resolves callers through the SessionResolver. */
export const sessionCacheEnvironmentShape = {
  SESSION_CACHE_TTL_MS: z.coerce.number().int().min(0).max(60_000).default(5000),
  SESSION_CACHE_MAX: z.coerce.number().int().min(1).default(10_000),
};

/**
 * The login queue's latency budget, read by the auth-service (admission) and by its callers (the
 * timeout of the messages that hash a password must cover a wait of this long).
 */
export const loginQueueEnvironmentShape = {
  LOGIN_QUEUE_BUDGET_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
};

/** Validates an environment against a schema; the error names every bad variable at once. */
export function parseEnvironment<S extends z.ZodTypeAny>(schema: S, source: NodeJS.ProcessEnv): z.infer<S> {
  const parsed = schema.safeParse(source);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new Error(`Invalid configuration:\n  ${lines.join('\n  ')}`);
}

/** How log lines look: JSON for machines, or one human-readable line per event. */
export type LogFormat = 'json' | 'pretty';

/**
 * LOG_FORMAT when set; otherwise pretty only for a person: outside production, with stdout a terminal.
 * (`npm start` pipes the services' output, so it decides for them and passes LOG_FORMAT on.)
 */
export function resolveLogFormat(
  env: { NODE_ENV: string; LOG_FORMAT?: LogFormat },
  stdoutIsTerminal: boolean = process.stdout.isTTY === true,
): LogFormat {
  if (env.LOG_FORMAT) return env.LOG_FORMAT;
  return env.NODE_ENV !== 'production' && stdoutIsTerminal ? 'pretty' : 'json';
}
