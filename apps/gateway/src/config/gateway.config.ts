import {
  LogFormat,
  loginQueueEnvironmentShape,
  parseEnvironment,
  resolveLogFormat,
  serviceEnvironmentShape,
  sessionCacheEnvironmentShape,
  transportHasPassword,
} from '@app/common';
import { z } from 'zod';
import { hostnameOf } from '../http/host-policy';
import { DEVELOPMENT_OIDC_COOKIE_KEY, OidcConfig, oidcClientsSchema, oidcCookieKeysSchema } from './oidc.config';

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
  PUBLIC_BASE_URL: z
    .string()
    .regex(/^https?:\/\//, 'must start with http:// or https://')
    .pipe(z.string().url())
    .optional(),
  ALLOWED_HOSTS: z
    .string()
    .regex(/^[A-Za-z0-9.\-[\]:, ]*$/, 'must be host names or addresses, comma-separated, without scheme')
    .optional(),
  METRICS_TOKEN: z.string().min(32, 'at least 32 characters (npm run secrets makes one)').optional(),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  MAX_CONNECTIONS_PER_IP: z.coerce.number().int().min(0).default(256),
  JWT_ISSUER: z.string().min(1).default('nest-auth'),
  JWT_AUDIENCE: z.string().min(1).default('nest-auth-api'),
  OIDC_CLIENTS: oidcClientsSchema,
  OIDC_COOKIE_KEYS: oidcCookieKeysSchema,
});

export interface GatewayConfig {
  env: 'development' | 'production' | 'test';
  logLevel: z.infer<typeof gatewayConfigSchema>['LOG_LEVEL'];
  /** JSON, or human-readable lines (LOG_FORMAT; by default pretty only in development on a terminal). */
  logFormat: LogFormat;
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
  /** Where users reach the gateway (`PUBLIC_BASE_URL`, no trailing slash). */
  publicBaseUrl: string;
  /** The origins allowed to send unsafe browser requests: PUBLIC_BASE_URL's, ALLOWED_ORIGINS, and loopback outside production. */
  allowedOrigins: string[];
  /** Host names (lower case, no port) the gateway answers; any other Host header is a 400. */
  allowedHosts: string[];
  jwt: { issuer: string; audience: string };
  /** `Authorization: Bearer <token>` that GET /metrics requires; undefined: open (development only). */
  metricsToken: string | undefined;
  /** Fastify `requestTimeout`: a request (headers and body) must arrive within this (0: none). */
  requestTimeoutMs: number;
  /** Open connections per client address (0: no cap). */
  maxConnectionsPerIp: number;
  /** The OpenID Connect provider: its relying parties and the keys of its cookies. */
  oidc: OidcConfig;
}

const DEVELOPMENT_COOKIE_SECRET = 'development-only-cookie-secret-change-me!';

function list(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/** What a developer opens outside production, whatever PUBLIC_BASE_URL says. */
const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/**
 * The origins trusted for unsafe requests: never derived from the request's own Host (DNS rebinding:
 * evil.example resolving to this gateway would otherwise be "same origin" with itself).
 */
function allowedOriginsOf(publicBaseUrl: string, extra: string[], port: number, production: boolean): string[] {
  const loopback = production ? [] : LOOPBACK_HOSTS.flatMap((host) => [`http://${host}:${port}`, `https://${host}:${port}`]);
  return [...new Set([new URL(publicBaseUrl).origin, ...extra, ...loopback])];
}

/** ALLOWED_HOSTS (an empty value counts as unset), or by default the host of PUBLIC_BASE_URL (and loopback outside production). */
function allowedHostsOf(configured: string | undefined, publicBaseUrl: string, production: boolean): string[] {
  const hosts = configured?.trim() ? list(configured) : [new URL(publicBaseUrl).hostname, ...(production ? [] : LOOPBACK_HOSTS)];
  return [...new Set(hosts.map((host) => hostnameOf(host) ?? host.toLowerCase()))];
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
    if (!env.METRICS_TOKEN) problems.push('METRICS_TOKEN must be set in production (GET /metrics answers only it)');
    if (!env.PUBLIC_BASE_URL) problems.push('PUBLIC_BASE_URL must be set in production (the origin browsers use)');
    if (env.OIDC_CLIENTS.length && !env.OIDC_COOKIE_KEYS.length)
      problems.push('OIDC_COOKIE_KEYS must be set in production when OIDC_CLIENTS names clients');
    if (problems.length) throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const publicBaseUrl = (env.PUBLIC_BASE_URL ?? `http://localhost:${env.GATEWAY_PORT}`).replace(/\/+$/, '');
  return {
    env: env.NODE_ENV,
    logLevel: env.LOG_LEVEL,
    logFormat: resolveLogFormat(env),
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
    publicBaseUrl,
    allowedOrigins: allowedOriginsOf(publicBaseUrl, list(env.ALLOWED_ORIGINS), env.GATEWAY_PORT, production),
    allowedHosts: allowedHostsOf(env.ALLOWED_HOSTS, publicBaseUrl, production),
    jwt: { issuer: env.JWT_ISSUER, audience: env.JWT_AUDIENCE },
    metricsToken: env.METRICS_TOKEN,
    requestTimeoutMs: env.REQUEST_TIMEOUT_MS,
    maxConnectionsPerIp: env.MAX_CONNECTIONS_PER_IP,
    oidc: {
      clients: env.OIDC_CLIENTS,
      cookieKeys: env.OIDC_COOKIE_KEYS.length ? env.OIDC_COOKIE_KEYS : [DEVELOPMENT_OIDC_COOKIE_KEY],
    },
  };
}

/** Injection token for GatewayConfig. */
export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
