import { PublicUser } from '@app/common';
import { Inject, Injectable } from '@nestjs/common';
import { AUTH_CONFIG, AuthConfig } from '../config/auth.config';
import { StoredSession } from './stored-session';

/**
 * The two session decisions made from configuration, here and nowhere else (the other services only
 * read the answers in ResolvedSession): how long a credential check keeps a session fresh
 * (REAUTH_MAX_AGE_SECONDS), and who must enrol a second factor first (MFA_REQUIRED_ROLES).
 */
@Injectable()
export class SessionPolicy {
  constructor(@Inject(AUTH_CONFIG) private readonly config: AuthConfig) {}

  /** Epoch ms until which the session counts as fresh for sensitive operations. */
  freshUntil(session: Pick<StoredSession, 'authenticatedAt'>): number {
    return session.authenticatedAt + this.config.reauthentication.maxAgeMs;
  }

  /** The user holds a role that needs a second factor, and has neither TOTP nor a passkey. */
  mfaEnrolmentRequired(user: PublicUser): boolean {
    const required = this.config.mfa.requiredRoles;
    if (required.length === 0 || user.mfa.totp || user.mfa.passkeys > 0) return false;
    return user.roles.some((role) => required.includes(role));
  }
}
