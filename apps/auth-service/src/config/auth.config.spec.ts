import { loadAuthConfig } from './auth.config';

describe('auth-service configuration', () => {
  it('has working defaults for development', () => {
    const config = loadAuthConfig({});
    expect(config.session).toEqual({
      idleTimeoutMs: 1_800_000,
      absoluteLifetimeMs: 43_200_000,
      rememberLifetimeMs: 2_592_000_000,
      touchIntervalMs: 60_000,
    });
    expect(config.bcryptCost).toBe(12);
    expect(config.databaseUrl).toBe('sqlite:./data/auth.sqlite');
  });

  it('names every bad variable', () => {
    expect(() => loadAuthConfig({ BCRYPT_COST: '99', DATABASE_URL: 'mysql://x', REDIS_PREFIX: 'has space' })).toThrow(
      /BCRYPT_COST[\s\S]*REDIS_PREFIX|REDIS_PREFIX[\s\S]*BCRYPT_COST/,
    );
    expect(() => loadAuthConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
  });

  it('refuses to start in production with missing or default secrets', () => {
    expect(() => loadAuthConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SIGNING_KEYS[\s\S]*DATABASE_URL[\s\S]*REDIS_URL/);
    expect(() =>
      loadAuthConfig({
        NODE_ENV: 'production',
        JWT_SIGNING_KEYS: '[]',
        DATABASE_URL: 'postgres://u:p@db/auth',
        REDIS_URL: 'redis://:pw@redis:6379',
        TRANSPORT_URL: 'redis://:pw@redis:6379',
        BOOTSTRAP_ADMIN_USERNAME: 'admin',
        BOOTSTRAP_ADMIN_PASSWORD: 'changeme',
      }),
    ).toThrow(/BOOTSTRAP_ADMIN_PASSWORD/);
  });

  it('mails through SMTP_URL, or in development to .eml files, with links from PUBLIC_BASE_URL', () => {
    expect(loadAuthConfig({}).mail).toEqual({
      smtpUrl: undefined,
      from: 'Nest Auth <no-reply@localhost>',
      publicBaseUrl: 'http://localhost:3000',
      outboxDir: './data/outbox',
      pollIntervalMs: 2000,
      maxAttempts: 100,
    });
    const mail = loadAuthConfig({
      SMTP_URL: 'smtps://u:p@smtp.example.com:465',
      PUBLIC_BASE_URL: 'https://auth.example.com/',
      GATEWAY_PORT: '8080',
    }).mail;
    expect(mail).toMatchObject({ smtpUrl: 'smtps://u:p@smtp.example.com:465', publicBaseUrl: 'https://auth.example.com' });
    expect(loadAuthConfig({ GATEWAY_PORT: '8080' }).mail.publicBaseUrl).toBe('http://localhost:8080');
    expect(() => loadAuthConfig({ SMTP_URL: 'http://smtp.example.com' })).toThrow(/SMTP_URL/);
    expect(() => loadAuthConfig({ MAIL_FROM: 'nobody' })).toThrow(/MAIL_FROM/);
    expect(() => loadAuthConfig({ PUBLIC_BASE_URL: 'localhost:3000' })).toThrow(/PUBLIC_BASE_URL/);
  });

  it('refuses to start in production without SMTP_URL', () => {
    const production = {
      NODE_ENV: 'production',
      JWT_SIGNING_KEYS: '[]',
      DATABASE_URL: 'postgres://u:p@db/auth',
      REDIS_URL: 'redis://:pw@redis:6379',
      TRANSPORT_URL: 'redis://:pw@redis:6379',
    };
    expect(() => loadAuthConfig(production)).toThrow(/SMTP_URL must be set in production/);
    expect(loadAuthConfig({ ...production, SMTP_URL: 'smtp://mailpit:1025' }).mail.smtpUrl).toBe('smtp://mailpit:1025');
  });

  it('keeps a login fresh for 10 minutes and asks no role for a second factor, unless told otherwise', () => {
    expect(loadAuthConfig({})).toMatchObject({ reauthentication: { maxAgeMs: 600_000 }, mfa: { requiredRoles: [] } });
    const config = loadAuthConfig({ REAUTH_MAX_AGE_SECONDS: '120', MFA_REQUIRED_ROLES: ' admin, auditor ,' });
    expect(config).toMatchObject({ reauthentication: { maxAgeMs: 120_000 }, mfa: { requiredRoles: ['admin', 'auditor'] } });
    expect(() => loadAuthConfig({ REAUTH_MAX_AGE_SECONDS: '0' })).toThrow(/REAUTH_MAX_AGE_SECONDS/);
    expect(() => loadAuthConfig({ MFA_REQUIRED_ROLES: 'Admin;root' })).toThrow(/MFA_REQUIRED_ROLES/);
  });

  it('takes the passkey relying party from PUBLIC_BASE_URL, and refuses plain http in production except on localhost', () => {
    expect(loadAuthConfig({ GATEWAY_PORT: '4000' }).webauthn).toEqual({
      rpId: 'localhost',
      origin: 'http://localhost:4000',
      rpName: 'Nest Auth',
    });
    expect(loadAuthConfig({ PUBLIC_BASE_URL: 'https://login.example.com/', WEBAUTHN_RP_ID: 'example.com' }).webauthn).toMatchObject({
      rpId: 'example.com',
      origin: 'https://login.example.com',
    });
    expect(() => loadAuthConfig({ PUBLIC_BASE_URL: 'https://login.example.com', WEBAUTHN_RP_ID: 'other.org' })).toThrow(/WEBAUTHN_RP_ID/);
    expect(() => loadAuthConfig({ WEBAUTHN_RP_ID: 'Example.COM' })).toThrow(/WEBAUTHN_RP_ID/);
    const production = {
      NODE_ENV: 'production',
      JWT_SIGNING_KEYS: '[]',
      DATABASE_URL: 'postgres://u:p@db/auth',
      REDIS_URL: 'redis://:pw@redis:6379',
      TRANSPORT_URL: 'redis://:pw@redis:6379',
      SMTP_URL: 'smtp://mailpit:1025',
    };
    expect(() => loadAuthConfig({ ...production, PUBLIC_BASE_URL: 'http://auth.example.com' })).toThrow(/PUBLIC_BASE_URL must be https/);
    expect(loadAuthConfig({ ...production, PUBLIC_BASE_URL: 'https://auth.example.com' }).webauthn.origin).toBe('https://auth.example.com');
    expect(loadAuthConfig({ ...production, PUBLIC_BASE_URL: 'http://localhost:3000' }).webauthn.rpId).toBe('localhost');
  });

  it('wants the bootstrap admin name and password together', () => {
    expect(() => loadAuthConfig({ BOOTSTRAP_ADMIN_USERNAME: 'admin' })).toThrow(/go together/);
  });
});
