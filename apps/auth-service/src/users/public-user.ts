import { PublicUser } from '@app/common';
import { User } from './user.entity';

/** The only way a user leaves the auth-service: no hash, dates as ISO 8601. */
export function toPublicUser(user: User): PublicUser {
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    roles: [...user.roles],
    active: user.active,
    createdAt: user.createdAt.toISOString(),
    lastLoginAt: user.lastLoginAt ? user.lastLoginAt.toISOString() : null,
  };
}
