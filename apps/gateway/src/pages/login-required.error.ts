import type { FastifyRequest } from 'fastify';
import { returnPathOf } from './return-path';

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

  /** For a request without a live session: back to the page it was on, after logging in. */
  static of(request: FastifyRequest): LoginRequiredError {
    const { path, status } = returnPathOf(request);
    return new LoginRequiredError(path, status);
  }
}
