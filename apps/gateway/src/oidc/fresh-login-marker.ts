import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * When an interaction sent the browser to log in or re-authenticate: carried in the URL it comes back
 * to, signed, so that `prompt=login` is satisfied only by a credential checked after that moment (the
 * interaction's own `iat` has whole seconds only) and the browser cannot move the moment back.
 */
export function freshLoginMarker(secret: string, uid: string, at: number = Date.now()): string {
  return `${at}.${signature(secret, uid, at)}`;
}

/** The moment a marker names, or undefined when it is missing, malformed or not signed for this interaction. */
export function freshLoginMoment(secret: string, uid: string, marker: unknown): number | undefined {
  if (typeof marker !== 'string') return undefined;
  const match = /^(\d{13})\.([A-Za-z0-9_-]{43})$/.exec(marker);
  if (!match) return undefined;
  const at = Number(match[1]);
  const expected = Buffer.from(signature(secret, uid, at));
  const given = Buffer.from(match[2]);
  return expected.length === given.length && timingSafeEqual(expected, given) ? at : undefined;
}

function signature(secret: string, uid: string, at: number): string {
  return createHmac('sha256', secret).update(`oidc-fresh-login:${uid}:${at}`).digest('base64url');
}
