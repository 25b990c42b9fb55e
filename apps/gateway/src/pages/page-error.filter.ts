import { DomainError, ErrorCode } from '@app/common';
import { ArgumentsHost, Catch, ExceptionFilter, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SessionCookie } from '../auth/session-cookie';
import { Flash } from './flash';
import { LoginRequiredError } from './login-required.error';
import { PageErrors } from './page-errors';

/** Errors on page routes become HTML: a redirect to /login when the session is missing, else an error page. */
@Catch()
@Injectable()
export class PageErrorFilter implements ExceptionFilter {
  constructor(
    private readonly errors: PageErrors,
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
    this.errors.page(reply, exception);
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
