import { DomainError, ErrorCode } from '@app/common';
import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { renderError } from '../errors/http-error.filter';
import { PageRenderer } from './page-renderer';

const TITLES: Record<number, string> = {
  400: 'Something in the form was not right',
  403: 'Access denied',
  404: 'Not found',
  409: 'Conflict',
  413: 'Too much data',
  429: 'Too many attempts',
  503: 'Temporarily unavailable',
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
