import { DomainError, ErrorCode } from '@app/common';
import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { renderError } from '../errors/http-error.filter';
import { PageRenderer } from './page-renderer';
import { nextParameter, returnPathOf } from './return-path';

const TITLES: Record<number, string> = {
  400: 'Something in the form was not right',
  403: 'Access denied',
  404: 'Not found',
  409: 'Conflict',
  413: 'Too much data',
  429: 'Too many attempts',
  503: 'Temporarily unavailable',
};

/** The errors a browser is sent away from a page to put right: where to (given the path to come back to). */
const REDIRECTS: Partial<Record<ErrorCode, (returnPath: string) => string>> = {
  // A stale session on a sensitive page or form: confirm the password, then back.
  [ErrorCode.ReauthRequired]: (returnPath) => `/reauthenticate?next=${nextParameter(returnPath)}`,
  // A role that needs a second factor, and none yet: the account page is where one is set up.
  [ErrorCode.MfaEnrolmentRequired]: () => '/account',
};

/**
 * Errors as HTML, beside the JSON API's renderError: the status, its reason and Retry-After come from
 * the same one table (error-status.ts), never from a page's own mapping; a page only chooses its words.
 */
@Injectable()
export class PageErrors {
  constructor(private readonly renderer: PageRenderer) {}

  /** The error page, for anything a page did not handle itself. */
  page(reply: FastifyReply, error: unknown): void {
    const rendered = this.withRetryAfter(reply, error);
    const message =
      error instanceof DomainError && error.code === ErrorCode.Forbidden
        ? 'You do not have permission to view this page.'
        : ([] as string[]).concat(rendered.body.message).join(' ');
    this.renderer.render(reply, 'error', rendered.status, {
      title: TITLES[rendered.status] ?? (rendered.status >= 500 ? 'Something went wrong' : rendered.body.error),
      status: rendered.status,
      message,
    });
  }

  /** Sends the browser where `error` can be put right (302 from a page, 303 from a form); false when it is not such an error. */
  redirect(request: FastifyRequest, reply: FastifyReply, error: unknown): boolean {
    const target = error instanceof DomainError ? REDIRECTS[error.code] : undefined;
    if (!target) return false;
    const { path, status } = returnPathOf(request);
    reply.header('Cache-Control', 'no-store');
    reply.redirect(target(path), status);
    return true;
  }

  /** A form shown again with what stopped it (`context` carries the form's own words for `failure`). */
  form(reply: FastifyReply, template: string, failure: DomainError, context: Record<string, unknown>): void {
    this.renderer.render(reply, template, this.withRetryAfter(reply, failure).status, context);
  }

  private withRetryAfter(reply: FastifyReply, error: unknown): ReturnType<typeof renderError> {
    const rendered = renderError(error);
    if (rendered.retryAfter !== undefined) reply.header('Retry-After', String(rendered.retryAfter));
    return rendered;
  }
}
