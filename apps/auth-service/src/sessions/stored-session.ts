import { CallerSession, PublicUser, SessionListItem, SessionSummary } from '@app/common';

/** A session as the store keeps it (the token itself is never stored: `id` is its SHA-256). */
export interface StoredSession {
  id: string;
  userId: string;
  csrfToken: string;
  createdAt: number;
  lastSeenAt: number;
  /** When it ends if not used again: the idle deadline capped by the absolute one. */
  expiresAt: number;
  absoluteExpiresAt: number;
  /** 0 for remember-me sessions, which live their whole lifetime. */
  idleTimeoutMs: number;
  remember: boolean;
  kind: 'browser' | 'api';
  ip: string;
  userAgent: string;
  /** Epoch ms of the last credential check: login, second factor, re-authentication. */
  authenticatedAt: number;
  /** RFC 8176 methods of that check (`pwd`, `otp`, `hwk`, `mfa`). */
  amr: string[];
  /** The user as of the last login or admin change: resolution needs no database. */
  user: PublicUser;
}

/** The public view of a session. */
export function toSessionSummary(session: StoredSession): SessionSummary {
  return {
    id: session.id,
    createdAt: new Date(session.createdAt).toISOString(),
    lastSeenAt: new Date(session.lastSeenAt).toISOString(),
    expiresAt: new Date(session.expiresAt).toISOString(),
  };
}

/** The caller's own session: the summary, and when and how a credential was last checked. */
export function toCallerSession(session: StoredSession): CallerSession {
  return { ...toSessionSummary(session), authenticatedAt: new Date(session.authenticatedAt).toISOString(), amr: [...session.amr] };
}

/** A row of a session listing. */
export function toSessionListItem(session: StoredSession, currentSessionId?: string): SessionListItem {
  return { ...toSessionSummary(session), ip: session.ip, userAgent: session.userAgent, current: session.id === currentSessionId };
}
