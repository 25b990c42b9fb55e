import { AllowWithoutMfa } from '@app/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Controller, Get, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Auth, RequestAuth } from '../http/gateway-request';
import { LoginFormGuard } from './login-form.guard';
import { PageAuthGuard } from './page-auth.guard';
import { PageErrorFilter } from './page-error.filter';
import { SecondStepPagesService } from './second-step-pages.service';

/** The login's code page (posted to; shown by POST /login) and /reauthenticate. */
@ApiExcludeController()
@Controller()
@UseFilters(PageErrorFilter)
export class SecondStepPagesController {
  constructor(private readonly pages: SecondStepPagesService) {}

  @Post('login/code')
  @UseGuards(LoginFormGuard)
  submitCode(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.pages.submitCode(request, reply);
  }

  /** Reachable by a role that must still enrol: setting up a second factor needs a fresh session first. */
  @Get('reauthenticate')
  @UseGuards(PageAuthGuard)
  @AllowWithoutMfa()
  showReauthenticate(@Auth() auth: RequestAuth, @Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    this.pages.showReauthenticate(auth, request, reply);
  }

  @Post('reauthenticate')
  @UseGuards(PageAuthGuard)
  @AllowWithoutMfa()
  submitReauthenticate(@Auth() auth: RequestAuth, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.pages.submitReauthenticate(auth, request, reply);
  }
}
