import { PublicUser } from './auth.results';

/** A stored model instance as the provider wrote it (with `consumed` once consumed), or null. */
export interface OidcStoredPayload {
  payload: Record<string, unknown> | null;
}

/** The private JWKs that sign ID tokens (the first signs; the others are the previous keys). */
export interface OidcSigningJwks {
  keys: Array<Record<string, unknown>>;
}

/** The claims source of a user, or null when the user is gone or disabled. */
export interface OidcAccount {
  user: PublicUser | null;
}

/** Acknowledges a store command, an audit event or a link. */
export interface OidcDone {
  ok: true;
}
