import { AllowWithoutMfa, FreshnessGuard, RequireFresh } from '@app/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Controller, Get, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Auth, RequestAuth } from '../../http/gateway-request';
import { PageAuthGuard } from '../page-auth.guard';
import { PageErrorFilter } from '../page-error.filter';
import { AccountEmailService } from './account-email.service';
import { AccountPageService } from './account-page.service';
import { AccountPasskeysService } from './account-passkeys.service';
import { AccountPasswordService } from './account-password.service';
import { AccountSessionsService } from './account-sessions.service';

/**
 * /account and its forms (login required; each form posts back here and is CSRF-checked by the
 * cookie session). A sensitive form adds FreshnessGuard + @RequireFresh() after PageAuthGuard: a stale
 * session is then sent to /reauthenticate?next=/account by the page error filter.
 */
@ApiExcludeController()
@Controller('account')
@UseFilters(PageErrorFilter)
@UseGuards(PageAuthGuard)
export class AccountPagesController {
  constructor(
    private readonly page: AccountPageService,
    private readonly passwords: AccountPasswordService,
    private readonly sessions: AccountSessionsService,
    private readonly email: AccountEmailService,
    private readonly passkeys: AccountPasskeysService,
  ) {}

  /** Reachable by a role that must enrol a second factor first: this is where it is set up. */
  @Get()
  @AllowWithoutMfa()
  show(@Auth() auth: RequestAuth, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.page.show(auth, request, reply);
  }

  @Post('password')
  changePassword(@Auth() auth: RequestAuth, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.passwords.change(auth, request, reply);
  }

  @Post('email/verification')
  resendVerification(@Auth() auth: RequestAuth, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.email.resendVerification(auth, request, reply);
  }

  @Post('email')
  @UseGuards(FreshnessGuard)
  @RequireFresh()
  changeEmail(@Auth() auth: RequestAuth, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.email.change(auth, request, reply);
  }

  @Post('sessions/revoke-others')
  revokeOtherSessions(@Auth() auth: RequestAuth, @Res() reply: FastifyReply): Promise<void> {
    return this.sessions.revokeOthers(auth, reply);
  }

  @Post('sessions/:id/revoke')
  revokeSession(@Auth() auth: RequestAuth, @Param('id') id: string, @Res() reply: FastifyReply): Promise<void> {
    return this.sessions.revoke(auth, id, reply);
  }

  /** Adding a passkey is the page script's (WebAuthn needs JavaScript); removing one is a plain form. */
  @Post('passkeys/:id/remove')
  @UseGuards(FreshnessGuard)
  @RequireFresh()
  removePasskey(
    @Auth() auth: RequestAuth,
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.passkeys.remove(auth, id, request, reply);
  }
}
