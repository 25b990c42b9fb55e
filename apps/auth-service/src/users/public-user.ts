import { PublicUser } from '@app/common';
import type { ListedUser } from './user.repository';

/** The only way a user leaves the auth-service: no hash, no TOTP secret, dates as ISO 8601. */
export function toPublicUser(user: ListedUser): PublicUser {
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    emailVerified: user.email !== null && user.emailVerifiedAt !== null,
    roles: [...user.roles],
    active: user.active,
    createdAt: user.createdAt.toISOString(),
    lastLoginAt: user.lastLoginAt ? user.lastLoginAt.toISOString() : null,
    mfa: { totp: user.totpEnabledAt !== null, passkeys: user.passkeyCount },
  };
}
