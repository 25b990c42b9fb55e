import { AcceptedResult, ClientInfoPayload } from '@app/common';
import { ApiTags } from '@nestjs/swagger';
import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { SameOriginGuard } from '../auth/same-origin.guard';
import { Client } from '../http/gateway-request';
import { AccountLifecycle } from './account-lifecycle';
import { ForgotPasswordDto } from './dto/forgot-password.dto';
import { ResetPasswordDto } from './dto/reset-password.dto';

/** A forgotten password (no session): cross-site requests are refused first, as for the login. */
@ApiTags('account')
@Controller('auth/password')
@UseGuards(SameOriginGuard)
export class PasswordRecoveryController {
  constructor(private readonly lifecycle: AccountLifecycle) {}

  /** 202 whatever the account: nothing here tells whether it exists. */
  @Post('forgot')
  @HttpCode(202)
  async forgot(@Body() dto: ForgotPasswordDto, @Client() client: ClientInfoPayload): Promise<AcceptedResult> {
    await this.lifecycle.forgotPassword({ email: dto.email, username: dto.username }, client);
    return {};
  }

  @Post('reset')
  @HttpCode(204)
  reset(@Body() dto: ResetPasswordDto, @Client() client: ClientInfoPayload): Promise<void> {
    return this.lifecycle.resetPassword(dto.token, dto.newPassword, client);
  }
}
