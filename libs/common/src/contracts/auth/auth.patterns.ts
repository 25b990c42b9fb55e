import { AuthAdminPatterns } from '../admin/admin.patterns';
import { PasskeyPatterns } from './passkey.patterns';
import { MfaPatterns } from './mfa.patterns';
import { OidcPatterns } from './oidc.patterns';

/** Message patterns the auth-service answers. */
export const AuthPatterns = {
  Register: 'auth.user.register',
  Login: 'auth.login',
  Logout: 'auth.logout',
  ResolveSession: 'auth.session.resolve',
  ListSessions: 'auth.sessions.list',
  RevokeSession: 'auth.sessions.revoke',
  RevokeOtherSessions: 'auth.sessions.revoke-others',
  ChangePassword: 'auth.password.change',
  /** Re-authentication of the caller's session (issue 16 answers it): a credential checked again. */
  Reauthenticate: 'auth.session.reauthenticate',
  ForgotPassword: 'auth.password.forgot',
  ResetPassword: 'auth.password.reset',
  VerifyEmail: 'auth.email.verify',
  ResendVerification: 'auth.email.verification.resend',
  ResendVerificationForLogin: 'auth.email.verification.resend-for-login',
  ChangeEmail: 'auth.email.change',
  PasswordGrant: 'auth.token.password',
  RefreshGrant: 'auth.token.refresh',
  GetJwks: 'auth.jwks.get',
  Health: 'auth.health',
  ...AuthAdminPatterns,
  ...PasskeyPatterns,
  ...MfaPatterns,
  ...OidcPatterns,
} as const;

/** Broadcast channels: every replica of every service hears these (no queue group). */
export const BroadcastChannels = {
  /** A session, or all of a user's sessions, stopped being valid: drop cached resolutions. */
  Revoked: 'auth.broadcast.revoked',
} as const;

/** The body of a Revoked broadcast. */
export interface RevocationEvent {
  sessionIds?: string[];
  userId?: string;
}
