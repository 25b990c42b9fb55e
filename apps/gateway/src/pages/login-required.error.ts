import type { FastifyRequest } from 'fastify';
import { safeNextPath } from './safe-redirect';

/** Raised when a page needs a session; the page filter turns it into a redirect to /login. */
export class LoginRequiredError extends Error {
  constructor(
    /** Where to come back to after logging in (already a same-site path). */
    readonly returnPath: string,
    /** 302 for a page visit, 303 when a form was posted (the browser must follow with a GET). */
    readonly status: 302 | 303,
  ) {
    super('Login required');
    this.name = 'LoginRequiredError';
  }

  /**
   * For a request without a live session. A posted form's URL is an action, not a page: after
   * logging in, the browser returns to the page the form was on (its first path segment).
   */
  static of(request: FastifyRequest): LoginRequiredError {
    if (request.method === 'GET' || request.method === 'HEAD') {
      return new LoginRequiredError(safeNextPath(request.url) ?? '/dashboard', 302);
    }
    return new LoginRequiredError(safeNextPath(`/${request.url.split('?')[0].split('/')[1] ?? ''}`) ?? '/dashboard', 303);
  }
}
