import type { FastifyRequest } from 'fastify';
import { safeNextPath } from './safe-redirect';

/** Where a browser sent elsewhere (to log in, to re-authenticate) comes back to, and with which redirect status. */
export interface ReturnPath {
  /** A same-site path. */
  path: string;
  /** 302 for a page visit, 303 when a form was posted (the browser must follow with a GET). */
  status: 302 | 303;
}

/**
 * A page visit returns to itself. A posted form's URL is an action, not a page: the browser returns
 * to the page the form was on (its first path segment).
 */
export function returnPathOf(request: FastifyRequest): ReturnPath {
  if (request.method === 'GET' || request.method === 'HEAD') {
    return { path: safeNextPath(request.url) ?? '/dashboard', status: 302 };
  }
  return { path: safeNextPath(`/${request.url.split('?')[0].split('/')[1] ?? ''}`) ?? '/dashboard', status: 303 };
}

/** A path as the value of `?next=`: "/" needs no escaping in a query, and keeping it readable ("?next=/dashboard") changes nothing else. */
export function nextParameter(path: string): string {
  return encodeURIComponent(path).replace(/%2F/g, '/');
}
