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

  it('knows the roles from KNOWN_ROLES (always with user and admin), and keys unknown usernames in the audit log', () => {
    expect(loadAuthConfig({}).roles.known).toEqual(['user', 'admin', 'auditor']);
    expect(loadAuthConfig({ KNOWN_ROLES: 'user, admin, support' }).roles.known).toEqual(['user', 'admin', 'support']);
    expect(() => loadAuthConfig({ KNOWN_ROLES: 'user' })).toThrow(/KNOWN_ROLES must include admin/);
    expect(() => loadAuthConfig({ MFA_REQUIRED_ROLES: 'support' })).toThrow(
      /MFA_REQUIRED_ROLES names roles that are not in KNOWN_ROLES: support/,
    );
    expect(loadAuthConfig({ AUDIT_USERNAME_KEY: 'k'.repeat(32) }).audit.usernameKey).toBe('k'.repeat(32));
    expect(loadAuthConfig({}).audit.usernameKey).not.toBe(loadAuthConfig({}).audit.usernameKey);
    expect(() => loadAuthConfig({ AUDIT_USERNAME_KEY: 'short' })).toThrow(/AUDIT_USERNAME_KEY must be at least 32 bytes/);
    expect(() => loadAuthConfig({ NODE_ENV: 'production' })).toThrow(/AUDIT_USERNAME_KEY must be set in production/);
  });

  it('refuses to start in production without SMTP_URL', () => {
    const production = {
      NODE_ENV: 'production',
      JWT_SIGNING_KEYS: '[]',
      DATABASE_URL: 'postgres://u:p@db/auth',
      REDIS_URL: 'redis://:pw@redis:6379',
      TRANSPORT_URL: 'redis://:pw@redis:6379',
      AUDIT_USERNAME_KEY: 'k'.repeat(32),
    };
    expect(() => loadAuthConfig(production)).toThrow(/SMTP_URL must be set in production/);
    const withKey = { ...production, MFA_ENCRYPTION_KEY: 'a'.repeat(64) };
    expect(loadAuthConfig({ ...withKey, SMTP_URL: 'smtp://mailpit:1025' }).mail.smtpUrl).toBe('smtp://mailpit:1025');
  });

  it('takes MFA_ENCRYPTION_KEY as 32 bytes in hex or base64, requires it in production, and derives a public one in development', () => {
    const hex = '0f'.repeat(32);
    expect(loadAuthConfig({ MFA_ENCRYPTION_KEY: hex }).mfa).toMatchObject({
      encryptionKey: Buffer.from(hex, 'hex'),
      developmentKey: false,
    });
    const base64 = Buffer.alloc(32, 7).toString('base64');
    expect(loadAuthConfig({ MFA_ENCRYPTION_KEY: base64 }).mfa.encryptionKey).toEqual(Buffer.alloc(32, 7));
    expect(loadAuthConfig({ MFA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64url') }).mfa.encryptionKey).toEqual(
      Buffer.alloc(32, 7),
    );
    for (const malformed of ['short', '0f'.repeat(31), Buffer.alloc(31).toString('base64'), `${hex}00`]) {
      expect(() => loadAuthConfig({ MFA_ENCRYPTION_KEY: malformed })).toThrow(/MFA_ENCRYPTION_KEY/);
    }
    const development = loadAuthConfig({});
    expect(development.mfa).toMatchObject({ developmentKey: true, totpIssuer: 'localhost:3000' });
    expect(development.mfa.encryptionKey).toHaveLength(32);
    expect(() => loadAuthConfig({ NODE_ENV: 'production' })).toThrow(/MFA_ENCRYPTION_KEY must be set in production/);
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
      AUDIT_USERNAME_KEY: 'k'.repeat(32),
      MFA_ENCRYPTION_KEY: 'f'.repeat(64),
    };
    expect(() => loadAuthConfig({ ...production, PUBLIC_BASE_URL: 'http://auth.example.com' })).toThrow(/PUBLIC_BASE_URL must be https/);
    expect(loadAuthConfig({ ...production, PUBLIC_BASE_URL: 'https://auth.example.com' }).webauthn.origin).toBe('https://auth.example.com');
    expect(loadAuthConfig({ ...production, PUBLIC_BASE_URL: 'http://localhost:3000' }).webauthn.rpId).toBe('localhost');
  });

  it('wants the bootstrap admin name and password together', () => {
    expect(() => loadAuthConfig({ BOOTSTRAP_ADMIN_USERNAME: 'admin' })).toThrow(/go together/);
  });
});
