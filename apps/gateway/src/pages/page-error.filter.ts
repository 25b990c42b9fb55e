import { DomainError, ErrorCode } from '@app/common';
import { ArgumentsHost, Catch, ExceptionFilter, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SessionCookie } from '../auth/session-cookie';
import { renderError } from '../errors/http-error.filter';
import { Flash } from './flash';
import { LoginRequiredError } from './login-required.error';
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

/** Errors on page routes become HTML: a redirect to /login when the session is missing, else an error page. */
@Catch()
@Injectable()
export class PageErrorFilter implements ExceptionFilter {
  constructor(
    private readonly renderer: PageRenderer,
    private readonly flash: Flash,
    private readonly cookie: SessionCookie,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (reply.sent) return;
    if (exception instanceof LoginRequiredError) return this.toLogin(request, reply, exception);
    // A session that died between the guard's (cached) check and the service call: the same as none.
    if (exception instanceof DomainError && exception.code === ErrorCode.Unauthenticated) {
      return this.toLogin(request, reply, LoginRequiredError.of(request));
    }
    const rendered = renderError(exception);
    if (rendered.retryAfter !== undefined) reply.header('Retry-After', String(rendered.retryAfter));
    const message =
      exception instanceof DomainError && exception.code === ErrorCode.Forbidden
        ? 'You do not have permission to view this page.'
        : ([] as string[]).concat(rendered.body.message).join(' ');
    this.renderer.render(reply, 'error', rendered.status, {
      title: TITLES[rendered.status] ?? (rendered.status >= 500 ? 'Something went wrong' : rendered.body.error),
      status: rendered.status,
      message,
    });
  }

  private toLogin(request: FastifyRequest, reply: FastifyReply, { returnPath, status }: LoginRequiredError): void {
    // A cookie that names no live session is only noise from now on.
    if (this.cookie.read(request)) this.cookie.clear(reply);
    this.flash.set(reply, 'login-required');
    // "/" needs no escaping in a query; keeping it readable ("?next=/dashboard") changes nothing else.
    const next = encodeURIComponent(returnPath).replace(/%2F/g, '/');
    reply.header('Cache-Control', 'no-store');
    reply.redirect(`/login?next=${next}`, status);
  }
}
