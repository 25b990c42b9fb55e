import { AcceptedResult, ClientInfoPayload, FreshnessGuard, RequireFresh } from '@app/common';
import { ApiTags } from '@nestjs/swagger';
import { Body, Controller, Header, HttpCode, Post, Put, UseGuards } from '@nestjs/common';
import { UserResponse } from '../auth/auth.responses';
import { HttpAuthGuard } from '../auth/http-auth.guard';
import { SameOriginGuard } from '../auth/same-origin.guard';
import { Auth, Client, RequestAuth } from '../http/gateway-request';
import { AccountLifecycle } from './account-lifecycle';
import { ChangeEmailDto } from './dto/change-email.dto';
import { ResendVerificationDto } from './dto/resend-verification.dto';
import { VerifyEmailDto } from './dto/verify-email.dto';

/** The email address: verify by the mailed token, send a new link, change it (fresh session required). */
@ApiTags('account')
@Controller('auth/email')
export class EmailController {
  constructor(private readonly lifecycle: AccountLifecycle) {}

  /** No session needed (the link may be opened in another browser): cross-site requests are refused. */
  @Post('verify')
  @HttpCode(200)
  @UseGuards(SameOriginGuard)
  @Header('Cache-Control', 'no-store')
  async verify(@Body() dto: VerifyEmailDto, @Client() client: ClientInfoPayload): Promise<UserResponse> {
    return { user: await this.lifecycle.verifyEmail(dto.token, client) };
  }

  @Post('verification')
  @HttpCode(202)
  @UseGuards(HttpAuthGuard)
  async resend(
    @Auth() auth: RequestAuth,
    @Body() _dto: ResendVerificationDto,
    @Client() client: ClientInfoPayload,
  ): Promise<AcceptedResult> {
    await this.lifecycle.resendVerification(auth, client);
    return {};
  }

  @Put()
  @HttpCode(200)
  @UseGuards(HttpAuthGuard, FreshnessGuard)
  @RequireFresh()
  @Header('Cache-Control', 'no-store')
  async change(@Auth() auth: RequestAuth, @Body() dto: ChangeEmailDto, @Client() client: ClientInfoPayload): Promise<UserResponse> {
    return { user: await this.lifecycle.changeEmail(auth, dto.email, client) };
  }
}
