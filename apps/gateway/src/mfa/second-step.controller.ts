import { ApiTags } from '@nestjs/swagger';
import { AllowWithoutMfa, ClientInfoPayload } from '@app/common';
import { Body, Controller, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthFlowService } from '../auth/auth-flow.service';
import { LoginResponse } from '../auth/auth.responses';
import { HttpAuthGuard } from '../auth/http-auth.guard';
import { SameOriginGuard } from '../auth/same-origin.guard';
import { SessionCommands } from '../auth/session-commands';
import { SessionCookie } from '../auth/session-cookie';
import { Auth, Client, RequestAuth } from '../http/gateway-request';
import { LoginSecondFactorDto } from './dto/login-second-factor.dto';
import { ReauthenticateDto } from './dto/reauthenticate.dto';

/** The credential checks after the password (issue 16): the login's second step, and re-authentication. */
@ApiTags('sessions')
@Controller('auth')
export class SecondStepController {
  constructor(
    private readonly flow: AuthFlowService,
    private readonly commands: SessionCommands,
    private readonly cookie: SessionCookie,
  ) {}

  /** Answers exactly as a login does (`remember` came with the password step); cross-site requests are refused first. */
  @Post('login/mfa')
  @HttpCode(200)
  @UseGuards(SameOriginGuard)
  async loginSecondFactor(
    @Body() dto: LoginSecondFactorDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LoginResponse> {
    const result = await this.flow.completeSecondFactor(request, {
      mfaToken: dto.mfaToken,
      totp: dto.totp,
      recoveryCode: dto.recoveryCode,
    });
    this.cookie.set(reply, result);
    return { user: result.user, csrfToken: result.csrfToken, expiresAt: result.expiresAt };
  }

  /** The password (or a TOTP code) again: the session is fresh for REAUTH_MAX_AGE_SECONDS. */
  @Post('reauthenticate')
  @HttpCode(204)
  @UseGuards(HttpAuthGuard)
  @AllowWithoutMfa()
  async reauthenticate(@Auth() auth: RequestAuth, @Body() dto: ReauthenticateDto, @Client() client: ClientInfoPayload): Promise<void> {
    await this.commands.reauthenticate(auth, { password: dto.password, totp: dto.totp }, client);
  }
}
