import {
  LogFormat,
  loginQueueEnvironmentShape,
  parseEnvironment,
  RedisConnection,
  redisHasPassword,
  resolveLogFormat,
  ROLE_PATTERN,
  serviceEnvironmentShape,
  transportHasPassword,
  USERNAME_FINGERPRINT_KEY_MIN_BYTES,
} from '@app/common';
import { createHash, randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { RedisDurability, redisConfigShape, redisSettingsOf } from './redis.config';

const seconds = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const flag = z.enum(['true', 'false']).transform((value) => value === 'true');

/** A comma-separated list of role names ("" = none); blanks around the commas are ignored. */
const roleList = (fallback = '') =>
  z
    .string()
    .default(fallback)
    .transform((value) =>
      value
        .split(',')
        .map((role) => role.trim())
        .filter(Boolean),
    )
    .refine((roles) => roles.every((role) => ROLE_PATTERN.test(role)), 'comma-separated role names (a-z, 0-9, "_", "-")');

/** The roles an admin may grant unless KNOWN_ROLES says otherwise (`auditor`: the README's example of a fourth service's role). */
const DEFAULT_KNOWN_ROLES = ['user', 'admin', 'auditor'];

/** MFA_ENCRYPTION_KEY's 32 bytes, from 64 hex digits or base64/base64url; null for anything else. */
function mfaKeyBytes(value: string): Buffer | null {
  const text = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (!/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(text)) return null;
  const bytes = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return bytes.length === 32 ? bytes : null;
}

/**
 * Development only: a key derived from a fixed label, so secrets stored by one run (or replica) still
 * decrypt in the next. It is public, hence refused in production.
 */
const DEVELOPMENT_MFA_KEY = createHash('sha256').update('nest-auth development MFA_ENCRYPTION_KEY (not secret)').digest();

/** Every variable the auth-service reads, with its default. */
export const authConfigSchema = z.object({
  ...serviceEnvironmentShape,
  ...redisConfigShape,
  ...loginQueueEnvironmentShape,
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]{1,64}$/, 'letters, digits, ":", "_" or "-", at most 64')
    .default('auth:'),
  DATABASE_URL: z
    .string()
    .regex(/^(postgres(ql)?:\/\/|sqlite:|file:)/, 'must start with postgres://, sqlite: or file:')
    .default('sqlite:./data/auth.sqlite'),
  BCRYPT_COST: z.coerce.number().int().min(4).max(15).default(12),
  BCRYPT_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(availableParallelism()),
  BCRYPT_MAX_WAITING: z.coerce.number().int().min(0).max(10_000).default(1000),
  SESSION_IDLE_TIMEOUT_SECONDS: seconds(30 * 60),
  SESSION_ABSOLUTE_LIFETIME_SECONDS: seconds(12 * 60 * 60),
  SESSION_REMEMBER_LIFETIME_SECONDS: seconds(30 * 24 * 60 * 60),
  SESSION_TOUCH_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(60),
  ACCESS_TOKEN_TTL_SECONDS: seconds(15 * 60),
  REAUTH_MAX_AGE_SECONDS: seconds(10 * 60),
  MFA_REQUIRED_ROLES: roleList(),
  KNOWN_ROLES: roleList(DEFAULT_KNOWN_ROLES.join(',')),
  AUDIT_USERNAME_KEY: z.string().optional(),
  MFA_ENCRYPTION_KEY: z
    .string()
    .refine((value) => mfaKeyBytes(value) !== null, '32 random bytes as 64 hex digits or base64 (openssl rand -base64 32)')
    .optional(),
  JWT_ISSUER: z.string().min(1).default('nest-auth'),
  JWT_AUDIENCE: z.string().min(1).default('nest-auth-api'),
  JWT_SIGNING_KEYS: z.string().optional(),
  BOOTSTRAP_ADMIN_USERNAME: z.string().optional(),
  BOOTSTRAP_ADMIN_PASSWORD: z.string().optional(),
  LOGIN_MAX_FAILURES_PER_USERNAME: z.coerce.number().int().positive().default(5),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().positive().default(50),
  LOGIN_FAILURE_WINDOW_SECONDS: seconds(15 * 60),
  REGISTER_MAX_PER_IP: z.coerce.number().int().positive().default(100),
  REGISTER_WINDOW_SECONDS: seconds(60 * 60),
  DB_DEBUG: flag.default(false),
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, 'must be smtp://[user:pass@]host:port or smtps://…')
    .pipe(z.string().url())
    .optional(),
  MAIL_FROM: z
    .string()
    .regex(/^[^\r\n]*\S+@\S+[^\r\n]*$/, 'must hold one address, e.g. "Nest Auth <no-reply@example.com>"')
    .default('Nest Auth <no-reply@localhost>'),
  PUBLIC_BASE_URL: z
    .string()
    .regex(/^https?:\/\//, 'must start with http:// or https://')
    .pipe(z.string().url())
    .optional(),
  /** The WebAuthn relying party id; default: the host of PUBLIC_BASE_URL (which is also the origin passkeys accept). */
  WEBAUTHN_RP_ID: z
    .string()
    .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/, 'a lower-case host name, e.g. example.com')
    .optional(),
  /** Read only for PUBLIC_BASE_URL's default (the gateway's own port on this machine). */
  GATEWAY_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  MAIL_OUTBOX_DIR: z.string().min(1).default('./data/outbox'),
  MAIL_POLL_INTERVAL_MS: z.coerce.number().int().min(50).max(60_000).default(2000),
  MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(1000).default(100),
  PASSWORD_RESET_TTL_SECONDS: seconds(60 * 60),
  EMAIL_VERIFICATION_TTL_SECONDS: seconds(24 * 60 * 60),
  FORGOT_PASSWORD_MAX_PER_IP: z.coerce.number().int().positive().default(20),
  REQUIRE_VERIFIED_EMAIL: flag.default(false),
});

export type AuthEnv = z.infer<typeof authConfigSchema>;

/** The auth-service's typed configuration. */
export interface AuthConfig {
  env: AuthEnv['NODE_ENV'];
  logLevel: AuthEnv['LOG_LEVEL'];
  /** JSON, or human-readable lines (LOG_FORMAT; by default pretty only in development on a terminal). */
  logFormat: LogFormat;
  transportUrl: string;
  transportTimeoutMs: number;
  /** The sessions' Redis: one server, a Sentinel-managed master, or a Cluster. */
  redis: RedisConnection;
  /** Replicas that must confirm session writes before they are acknowledged (0: none). */
  redisDurability: RedisDurability;
  redisPrefix: string;
  databaseUrl: string;
  dbDebug: boolean;
  /** Serves Prometheus /metrics on this port when set. */
  metricsPort?: number;
  bcryptCost: number;
  /**
   * Hashes run at once (one per core by default); hashes wait while the expected wait is within
   * `queueBudgetMs` (and at most `maxWaiting` of them); the rest get 503 at once.
   */
  bcrypt: { concurrency: number; maxWaiting: number; queueBudgetMs: number };
  session: {
    idleTimeoutMs: number;
    absoluteLifetimeMs: number;
    rememberLifetimeMs: number;
    touchIntervalMs: number;
  };
  jwt: { issuer: string; audience: string; accessTokenTtlSeconds: number; signingKeys?: string };
  /** A session is fresh for this long after its last credential check (@RequireFresh() operations). */
  reauthentication: { maxAgeMs: number };
  /** The only roles a user can hold (KNOWN_ROLES, the one place they are configured); always `user` and `admin`. */
  roles: { known: string[] };
  /** The key of the fingerprints that stand for unknown usernames in the audit log (random per start in development). */
  audit: { usernameKey: string };
  /**
   * Users holding one of `requiredRoles` must enrol a second factor before anything else. TOTP secrets
   * are encrypted under `encryptionKey` (AES-256-GCM); `developmentKey` says it is the public development
   * one; `totpIssuer` names this system in authenticator apps.
   */
  mfa: { requiredRoles: string[]; encryptionKey: Buffer; developmentKey: boolean; totpIssuer: string };
  bootstrapAdmin?: { username: string; password: string };
  throttle: { maxPerUsername: number; maxPerIp: number; windowSeconds: number };
  /** Registrations per client IP per window, counted before any bcrypt work. */
  registrationThrottle: { maxPerIp: number; windowSeconds: number };
  mail: MailConfig;
  lifecycle: LifecycleConfig;
  webauthn: WebAuthnConfig;
}

/** Password reset and email verification: token lifetimes, the forgot-password throttle, and the login rule. */
export interface LifecycleConfig {
  resetTtlSeconds: number;
  verificationTtlSeconds: number;
  /** `POST /auth/password/forgot` (and the login page's "send the link again") per client IP and hour. */
  forgotMaxPerIp: number;
  /** Login of an account whose email is not verified is refused (EMAIL_NOT_VERIFIED) after a correct password. */
  requireVerifiedEmail: boolean;
}

/** The WebAuthn relying party: passkeys are made for `rpId` and accepted only from `origin`. */
export interface WebAuthnConfig {
  rpId: string;
  /** The origin of PUBLIC_BASE_URL (scheme, host, port): the one origin a passkey response may come from. */
  origin: string;
  /** What an authenticator shows as the site's name. */
  rpName: string;
}

/** Where mail goes and how the outbox sender works. */
export interface MailConfig {
  /** SMTP server URL; absent in development means "write .eml files to `outboxDir`". */
  smtpUrl?: string;
  from: string;
  /** Starts every link in a mail (no trailing slash). */
  publicBaseUrl: string;
  outboxDir: string;
  pollIntervalMs: number;
  /** Delivery attempts before a mail is kept as `failed` for an operator (a mail with a link also ends at its expiry). */
  maxAttempts: number;
}

function productionProblems(env: AuthEnv, redis: RedisConnection): string[] {
  const problems: string[] = [];
  if (!env.JWT_SIGNING_KEYS) problems.push('JWT_SIGNING_KEYS must be set in production');
  if (env.DATABASE_URL.startsWith('sqlite:') || env.DATABASE_URL.startsWith('file:')) {
    problems.push('DATABASE_URL must point at PostgreSQL in production');
  }
  if (!redisHasPassword(redis)) problems.push('Redis must have a password in production (REDIS_PASSWORD, or in REDIS_URL)');
  if (!transportHasPassword(env.TRANSPORT_URL)) problems.push('TRANSPORT_URL must carry a password in production');
  if (!env.AUDIT_USERNAME_KEY) problems.push('AUDIT_USERNAME_KEY must be set in production (at least 32 bytes; npm run --silent secrets)');
  if (!env.SMTP_URL) problems.push('SMTP_URL must be set in production (mail is written to files only in development)');
  if (!env.MFA_ENCRYPTION_KEY) problems.push('MFA_ENCRYPTION_KEY must be set in production (32 random bytes: openssl rand -base64 32)');
  if (env.BOOTSTRAP_ADMIN_PASSWORD && ['admin', 'changeme', 'password'].includes(env.BOOTSTRAP_ADMIN_PASSWORD)) {
    problems.push('BOOTSTRAP_ADMIN_PASSWORD is a default value');
  }
  return problems;
}

/** The relying party from PUBLIC_BASE_URL and WEBAUTHN_RP_ID, with what is wrong about them. */
export function webAuthnSettingsOf(
  env: Pick<AuthEnv, 'NODE_ENV' | 'WEBAUTHN_RP_ID'>,
  publicBaseUrl: string,
): { config: WebAuthnConfig; problems: string[] } {
  const url = new URL(publicBaseUrl);
  const host = url.hostname.toLowerCase();
  const rpId = env.WEBAUTHN_RP_ID ?? host;
  const problems: string[] = [];
  if (host !== rpId && !host.endsWith(`.${rpId}`)) {
    problems.push(`WEBAUTHN_RP_ID (${rpId}) must be the host of PUBLIC_BASE_URL (${host}) or a parent domain of it`);
  }
  // Browsers offer WebAuthn only in a secure context: https, or plain http on localhost itself.
  const local = host === 'localhost' || host.endsWith('.localhost');
  if (env.NODE_ENV === 'production' && url.protocol !== 'https:' && !local) {
    problems.push('PUBLIC_BASE_URL must be https:// in production (except for localhost)');
  }
  return { config: { rpId, origin: url.origin, rpName: 'Nest Auth' }, problems };
}

function roleProblems(env: AuthEnv): string[] {
  const problems: string[] = [];
  const missing = ['user', 'admin'].filter((role) => !env.KNOWN_ROLES.includes(role));
  if (missing.length) problems.push(`KNOWN_ROLES must include ${missing.join(' and ')}`);
  const unknown = env.MFA_REQUIRED_ROLES.filter((role) => !env.KNOWN_ROLES.includes(role));
  if (unknown.length) problems.push(`MFA_REQUIRED_ROLES names roles that are not in KNOWN_ROLES: ${unknown.join(', ')}`);
  return problems;
}

/** Validates the environment once at boot; throws a message naming every bad variable. */
export function loadAuthConfig(source: NodeJS.ProcessEnv = process.env): AuthConfig {
  const env = parseEnvironment(authConfigSchema, source);
  const { settings: redis, problems } = redisSettingsOf(env);
  if (env.NODE_ENV === 'production') problems.push(...productionProblems(env, redis.connection));
  problems.push(...roleProblems(env));
  if (env.AUDIT_USERNAME_KEY !== undefined && Buffer.byteLength(env.AUDIT_USERNAME_KEY, 'utf8') < USERNAME_FINGERPRINT_KEY_MIN_BYTES) {
    problems.push(`AUDIT_USERNAME_KEY must be at least ${USERNAME_FINGERPRINT_KEY_MIN_BYTES} bytes`);
  }
  if (Boolean(env.BOOTSTRAP_ADMIN_USERNAME) !== Boolean(env.BOOTSTRAP_ADMIN_PASSWORD)) {
    problems.push('BOOTSTRAP_ADMIN_USERNAME and BOOTSTRAP_ADMIN_PASSWORD go together');
  }
  const publicBaseUrl = (env.PUBLIC_BASE_URL ?? `http://localhost:${env.GATEWAY_PORT}`).replace(/\/+$/, '');
  const webauthn = webAuthnSettingsOf(env, publicBaseUrl);
  problems.push(...webauthn.problems);
  if (problems.length) throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  return {
    env: env.NODE_ENV,
    logLevel: env.LOG_LEVEL,
    logFormat: resolveLogFormat(env),
    transportUrl: env.TRANSPORT_URL,
    transportTimeoutMs: env.TRANSPORT_TIMEOUT_MS,
    redis: redis.connection,
    redisDurability: redis.durability,
    redisPrefix: env.REDIS_PREFIX,
    databaseUrl: env.DATABASE_URL,
    dbDebug: env.DB_DEBUG,
    metricsPort: env.METRICS_PORT,
    bcryptCost: env.BCRYPT_COST,
    bcrypt: { concurrency: env.BCRYPT_CONCURRENCY, maxWaiting: env.BCRYPT_MAX_WAITING, queueBudgetMs: env.LOGIN_QUEUE_BUDGET_MS },
    session: {
      idleTimeoutMs: env.SESSION_IDLE_TIMEOUT_SECONDS * 1000,
      absoluteLifetimeMs: env.SESSION_ABSOLUTE_LIFETIME_SECONDS * 1000,
      rememberLifetimeMs: env.SESSION_REMEMBER_LIFETIME_SECONDS * 1000,
      touchIntervalMs: env.SESSION_TOUCH_INTERVAL_SECONDS * 1000,
    },
    jwt: {
      issuer: env.JWT_ISSUER,
      audience: env.JWT_AUDIENCE,
      accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
      signingKeys: env.JWT_SIGNING_KEYS,
    },
    reauthentication: { maxAgeMs: env.REAUTH_MAX_AGE_SECONDS * 1000 },
    roles: { known: env.KNOWN_ROLES },
    audit: { usernameKey: env.AUDIT_USERNAME_KEY ?? randomBytes(32).toString('base64url') },
    mfa: {
      requiredRoles: env.MFA_REQUIRED_ROLES,
      encryptionKey: (env.MFA_ENCRYPTION_KEY && mfaKeyBytes(env.MFA_ENCRYPTION_KEY)) || DEVELOPMENT_MFA_KEY,
      developmentKey: !env.MFA_ENCRYPTION_KEY,
      totpIssuer: new URL(publicBaseUrl).host,
    },
    bootstrapAdmin:
      env.BOOTSTRAP_ADMIN_USERNAME && env.BOOTSTRAP_ADMIN_PASSWORD
        ? { username: env.BOOTSTRAP_ADMIN_USERNAME, password: env.BOOTSTRAP_ADMIN_PASSWORD }
        : undefined,
    throttle: {
      maxPerUsername: env.LOGIN_MAX_FAILURES_PER_USERNAME,
      maxPerIp: env.LOGIN_MAX_FAILURES_PER_IP,
      windowSeconds: env.LOGIN_FAILURE_WINDOW_SECONDS,
    },
    registrationThrottle: { maxPerIp: env.REGISTER_MAX_PER_IP, windowSeconds: env.REGISTER_WINDOW_SECONDS },
    mail: {
      smtpUrl: env.SMTP_URL,
      from: env.MAIL_FROM,
      publicBaseUrl,
      outboxDir: env.MAIL_OUTBOX_DIR,
      pollIntervalMs: env.MAIL_POLL_INTERVAL_MS,
      maxAttempts: env.MAIL_MAX_ATTEMPTS,
    },
    lifecycle: {
      resetTtlSeconds: env.PASSWORD_RESET_TTL_SECONDS,
      verificationTtlSeconds: env.EMAIL_VERIFICATION_TTL_SECONDS,
      forgotMaxPerIp: env.FORGOT_PASSWORD_MAX_PER_IP,
      requireVerifiedEmail: env.REQUIRE_VERIFIED_EMAIL,
    },
    webauthn: webauthn.config,
  };
}

/** Injection token for AuthConfig. */
export const AUTH_CONFIG = Symbol('AUTH_CONFIG');
