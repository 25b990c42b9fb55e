import { PublicUser } from '@app/common';
import { loadAuthConfig } from '../config/auth.config';
import { SessionPolicy } from './session-policy';

const user: PublicUser = {
  id: 'u1',
  username: 'root',
  email: null,
  emailVerified: false,
  roles: ['user', 'admin'],
  active: true,
  createdAt: '2026-01-01T00:00:00.000Z',
  lastLoginAt: null,
  mfa: { totp: false, passkeys: 0 },
};

function policy(env: Record<string, string> = {}): SessionPolicy {
  return new SessionPolicy(loadAuthConfig(env));
}

describe('SessionPolicy', () => {
  it('keeps a session fresh for REAUTH_MAX_AGE_SECONDS after its last credential check', () => {
    expect(policy().freshUntil({ authenticatedAt: 1_000 })).toBe(601_000);
    expect(policy({ REAUTH_MAX_AGE_SECONDS: '1' }).freshUntil({ authenticatedAt: 1_000 })).toBe(2_000);
  });

  it('asks nobody to enrol a second factor by default', () => {
    expect(policy().mfaEnrolmentRequired(user)).toBe(false);
  });

  it('asks a holder of an MFA_REQUIRED_ROLES role without TOTP or a passkey, and nobody else', () => {
    const strict = policy({ MFA_REQUIRED_ROLES: 'auditor,admin' });
    expect(strict.mfaEnrolmentRequired(user)).toBe(true);
    expect(strict.mfaEnrolmentRequired({ ...user, roles: ['user'] })).toBe(false);
    expect(strict.mfaEnrolmentRequired({ ...user, mfa: { totp: true, passkeys: 0 } })).toBe(false);
    expect(strict.mfaEnrolmentRequired({ ...user, mfa: { totp: false, passkeys: 1 } })).toBe(false);
  });
});
