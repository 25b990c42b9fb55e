/** A user as every service and client sees it: no hash, no entity. */
export interface PublicUser {
  id: string;
  username: string;
  email: string | null;
  roles: string[];
  active: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

/** What a login or password change hands the gateway to put in the `sid` cookie. */
export interface IssuedSession {
  sessionToken: string;
  csrfToken: string;
  expiresAt: string;
  /** Cookie Max-Age in seconds for remember-me sessions; absent for browser-session cookies. */
  cookieMaxAgeSeconds?: number;
}

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

export interface SessionListItem extends SessionSummary {
  ip: string;
  userAgent: string;
  current: boolean;
}

/** Who the caller is, as the auth-service resolved it. Cached by the SessionResolver until `cacheUntil`. */
export interface ResolvedSession {
  user: PublicUser;
  session: SessionSummary;
  csrfToken: string;
  via: 'session' | 'bearer';
  /** Epoch milliseconds after which this answer must be asked again (idle expiry, token expiry). */
  cacheUntil: number;
}

export interface TokenResult {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token: string;
}

export interface Jwks {
  keys: Array<Record<string, unknown>>;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface AdminUserDetail {
  user: PublicUser;
  activeSessions: number;
}

export interface AuditEventView {
  id: string;
  type: string;
  userId: string | null;
  actorId: string | null;
  ip: string | null;
  at: string;
  detail: Record<string, unknown>;
}
