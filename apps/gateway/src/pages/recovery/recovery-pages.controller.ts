import { ApiExcludeController } from '@nestjs/swagger';
import { Controller, Get, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LoginFormGuard } from '../login-form.guard';
import { PageErrorFilter } from '../page-error.filter';
import { EmailVerificationPagesService } from './email-verification-pages.service';
import { PasswordRecoveryPagesService } from './password-recovery-pages.service';

/**
 * The pages a mailed link opens, and the forms that come before a session: a forgotten password, a new
 * password, verifying an address, and the login page's "send the link again". Every form carries the
 * login CSRF token (LoginFormGuard); every GET only shows a form, so it never spends a token.
 */
@ApiExcludeController()
@Controller()
@UseFilters(PageErrorFilter)
export class RecoveryPagesController {
  constructor(
    private readonly recovery: PasswordRecoveryPagesService,
    private readonly verification: EmailVerificationPagesService,
  ) {}

  @Get('forgot-password')
  showForgot(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    this.recovery.showForgot(request, reply);
  }

  @Post('forgot-password')
  @UseGuards(LoginFormGuard)
  submitForgot(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.recovery.submitForgot(request, reply);
  }

  @Get('reset-password')
  showReset(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    this.recovery.showReset(request, reply);
  }

  @Post('reset-password')
  @UseGuards(LoginFormGuard)
  submitReset(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.recovery.submitReset(request, reply);
  }

  @Get('verify-email')
  showVerify(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.verification.show(request, reply);
  }

  @Post('verify-email')
  @UseGuards(LoginFormGuard)
  submitVerify(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.verification.submit(request, reply);
  }

  @Post('login/resend-verification')
  @UseGuards(LoginFormGuard)
  resendForLogin(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.verification.resendForLogin(request, reply);
  }
}
