/** Which second factors a user has: TOTP on or off, and how many passkeys. */
export interface UserMfa {
  totp: boolean;
  passkeys: number;
}

/** A user as every service and client sees it: no hash, no secret, no entity. */
export interface PublicUser {
  id: string;
  username: string;
  email: string | null;
  /** The current `email` was proven by a link (false without an email). */
  emailVerified: boolean;
  roles: string[];
  active: boolean;
  createdAt: string;
  lastLoginAt: string | null;
  mfa: UserMfa;
}

/** What a login or password change hands the gateway to put in the `sid` cookie. */
export interface IssuedSession {
  sessionToken: string;
  csrfToken: string;
  expiresAt: string;
  /** Cookie Max-Age in seconds for remember-me sessions; absent for browser-session cookies. */
  cookieMaxAgeSeconds?: number;
}

/** A login's reply: the session for the cookie and who logged in. */
export interface LoginResult extends IssuedSession {
  user: PublicUser;
}

/** The public view of a session: its id is a hash, never the token. */
export interface SessionSummary {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

/** A session in a listing: where it was opened, and whether it is the caller's own. */
export interface SessionListItem extends SessionSummary {
  ip: string;
  userAgent: string;
  current: boolean;
}

/** A user's sessions, newest first. */
export interface SessionList {
  items: SessionListItem[];
}

/** The reply to a logout: the session it ended, or null when the credential named none (logout is idempotent). */
export interface LogoutResult {
  revokedSessionId: string | null;
}

/** The reply to revoking one session. */
export interface RevokedSession {
  revokedSessionId: string;
}

/** The reply to revoking several sessions at once: how many there were. */
export interface RevokedSessions {
  revoked: number;
}

/** The reply to a password change: the rotated cookie session, or null for a bearer caller (no cookie to rotate). */
export interface PasswordChangeResult {
  session: IssuedSession | null;
}

/** The caller's own session: its summary, and when and how a credential was last checked for it. */
export interface CallerSession extends SessionSummary {
  /** ISO 8601: the last credential check (login, second factor, re-authentication). */
  authenticatedAt: string;
  /** RFC 8176 method names of that check (`pwd`, `otp`, `hwk`, `mfa`). */
  amr: string[];
}

/** Who the caller is, as the auth-service resolved it. Cached by the SessionResolver until `cacheUntil`. */
export interface ResolvedSession {
  user: PublicUser;
  session: CallerSession;
  csrfToken: string;
  via: 'session' | 'bearer';
  /** Epoch milliseconds after which this answer must be asked again (idle expiry, token expiry). */
  cacheUntil: number;
  /** Epoch milliseconds until which the session counts as fresh (authenticatedAt + REAUTH_MAX_AGE_SECONDS). */
  freshUntil: number;
  /** The user holds a role of MFA_REQUIRED_ROLES and has neither TOTP nor a passkey yet. */
  mfaEnrolmentRequired: boolean;
}

/** The reply to a re-authentication: the session's new credential check. */
export interface Reauthentication {
  sessionId: string;
  authenticatedAt: string;
  amr: string[];
}

/** The token endpoint's reply (OAuth 2.0 field names). */
export interface TokenResult {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token: string;
}

/** The public keys that verify access tokens. */
export interface Jwks {
  keys: Array<Record<string, unknown>>;
}

/** A request that is answered 202 whatever happened (a forgotten password, a mail to send again): nothing to tell. */
export type AcceptedResult = Record<string, never>;

/** The reply to a password reset: whose sessions were all revoked (the gateway drops its cache for them). */
export interface PasswordResetResult {
  userId: string;
}
