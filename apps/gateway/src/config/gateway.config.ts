import {
  loginQueueEnvironmentShape,
  parseEnvironment,
  serviceEnvironmentShape,
  sessionCacheEnvironmentShape,
  transportHasPassword,
} from '@app/common';
import { z } from 'zod';

const flag = z.enum(['true', 'false']).transform((value) => value === 'true');

/** Every variable the gateway reads, with its default. */
export const gatewayConfigSchema = z.object({
  ...serviceEnvironmentShape,
  GATEWAY_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  GATEWAY_HOST: z.string().min(1).default('0.0.0.0'),
  ...sessionCacheEnvironmentShape,
  ...loginQueueEnvironmentShape,
  COOKIE_SECURE: flag.optional(),
  COOKIE_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  TRUSTED_PROXIES: z.string().default(''),
  ALLOWED_ORIGINS: z.string().default(''),
  JWT_ISSUER: z.string().min(1).default('nest-auth'),
  JWT_AUDIENCE: z.string().min(1).default('nest-auth-api'),
});

export interface GatewayConfig {
  env: 'development' | 'production' | 'test';
  logLevel: z.infer<typeof gatewayConfigSchema>['LOG_LEVEL'];
  port: number;
  host: string;
  transportUrl: string;
  transportTimeoutMs: number;
  /** The auth-service's login queue budget: the password-hashing messages wait this much longer. */
  loginQueueBudgetMs: number;
  sessionCacheTtlMs: number;
  sessionCacheMax: number;
  cookieSecure: boolean;
  /** Signs the flash and pre-session CSRF cookies. */
  cookieSecret: string;
  /** Fastify `trustProxy` value: X-Forwarded-For is honoured only from these (addresses, CIDRs, proxy-addr names). */
  trustedProxies: string[];
  /** Origins, besides the gateway's own, allowed to send unsafe requests with the cookie. */
  allowedOrigins: string[];
  jwt: { issuer: string; audience: string };
}

const DEVELOPMENT_COOKIE_SECRET = 'development-only-cookie-secret-change-me!';

function list(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/** Validates the environment once at boot; throws a message naming every bad variable. */
export function loadGatewayConfig(source: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const env = parseEnvironment(gatewayConfigSchema, source);
  const production = env.NODE_ENV === 'production';
  if (production) {
    const problems: string[] = [];
    if (!env.COOKIE_SECRET || env.COOKIE_SECRET === DEVELOPMENT_COOKIE_SECRET) problems.push('COOKIE_SECRET must be set in production');
    if (!transportHasPassword(env.TRANSPORT_URL)) problems.push('TRANSPORT_URL must carry a password in production');
    if (env.COOKIE_SECURE === false) problems.push('COOKIE_SECURE=false is not allowed in production');
    if (problems.length) throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return {
    env: env.NODE_ENV,
    logLevel: env.LOG_LEVEL,
    port: env.GATEWAY_PORT,
    host: env.GATEWAY_HOST,
    transportUrl: env.TRANSPORT_URL,
    transportTimeoutMs: env.TRANSPORT_TIMEOUT_MS,
    loginQueueBudgetMs: env.LOGIN_QUEUE_BUDGET_MS,
    sessionCacheTtlMs: env.SESSION_CACHE_TTL_MS,
    sessionCacheMax: env.SESSION_CACHE_MAX,
    cookieSecure: env.COOKIE_SECURE ?? production,
    cookieSecret: env.COOKIE_SECRET ?? DEVELOPMENT_COOKIE_SECRET,
    trustedProxies: list(env.TRUSTED_PROXIES),
    allowedOrigins: list(env.ALLOWED_ORIGINS),
    jwt: { issuer: env.JWT_ISSUER, audience: env.JWT_AUDIENCE },
  };
}

/** Injection token for GatewayConfig. */
export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
