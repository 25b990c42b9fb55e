import {
  AUTH_RPC_CLIENT,
  AddedPasskey,
  AllowWithoutMfa,
  AuthContract,
  AuthPatterns,
  ClientInfoPayload,
  FreshnessGuard,
  PasskeyAuthenticationOptions,
  PasskeyList,
  PasskeyRegistrationOptions,
  RequireFresh,
  RpcClient,
} from '@app/common';
import { Body, Controller, Delete, Get, Header, HttpCode, Inject, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthFlowService } from '../auth/auth-flow.service';
import { LoginResponse } from '../auth/auth.responses';
import { HttpAuthGuard } from '../auth/http-auth.guard';
import { SameOriginGuard } from '../auth/same-origin.guard';
import { SessionCommands } from '../auth/session-commands';
import { SessionCookie } from '../auth/session-cookie';
import { Auth, Client, RequestAuth } from '../http/gateway-request';
import { PasskeyLoginDto } from './dto/passkey-login.dto';
import { RegisterPasskeyDto } from './dto/register-passkey.dto';

/**
 * /auth/passkeys: the caller's passkeys (adding and removing one needs a fresh session; a user who must
 * enrol a second factor may add one), and signing in with one, which answers as POST /auth/login does.
 */
@ApiTags('passkeys')
@Controller('auth/passkeys')
export class PasskeysController {
  constructor(
    @Inject(AUTH_RPC_CLIENT) private readonly auth: RpcClient<AuthContract>,
    private readonly commands: SessionCommands,
    private readonly flow: AuthFlowService,
    private readonly cookie: SessionCookie,
  ) {}

  @Post('registration/options')
  @HttpCode(200)
  @UseGuards(HttpAuthGuard, FreshnessGuard)
  @RequireFresh()
  @AllowWithoutMfa()
  @Header('Cache-Control', 'no-store')
  registrationOptions(@Auth() auth: RequestAuth): Promise<PasskeyRegistrationOptions> {
    return this.auth.send(AuthPatterns.PasskeyRegistrationOptions, { credential: auth.credential });
  }

  @Post('registration')
  @HttpCode(201)
  @UseGuards(HttpAuthGuard)
  @AllowWithoutMfa()
  register(@Auth() auth: RequestAuth, @Body() dto: RegisterPasskeyDto, @Client() client: ClientInfoPayload): Promise<AddedPasskey> {
    return this.commands.registerPasskey(auth, { response: dto.response, name: dto.name }, client);
  }

  @Get()
  @UseGuards(HttpAuthGuard)
  @AllowWithoutMfa()
  @Header('Cache-Control', 'no-store')
  list(@Auth() auth: RequestAuth): Promise<PasskeyList> {
    return this.auth.send(AuthPatterns.ListPasskeys, { credential: auth.credential });
  }

  @Delete(':id')
  @HttpCode(204)
  @UseGuards(HttpAuthGuard, FreshnessGuard)
  @RequireFresh()
  async remove(@Auth() auth: RequestAuth, @Param('id') id: string, @Client() client: ClientInfoPayload): Promise<void> {
    await this.commands.removePasskey(auth, id, client);
  }

  /** Cross-site requests are refused: no other site may start (or finish) a sign-in in this browser. */
  @Post('authentication/options')
  @HttpCode(200)
  @UseGuards(SameOriginGuard)
  @Header('Cache-Control', 'no-store')
  authenticationOptions(@Client() client: ClientInfoPayload): Promise<PasskeyAuthenticationOptions> {
    return this.auth.send(AuthPatterns.PasskeyAuthenticationOptions, { client });
  }

  @Post('authentication')
  @HttpCode(200)
  @UseGuards(SameOriginGuard)
  async logIn(
    @Body() dto: PasskeyLoginDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LoginResponse> {
    const result = await this.flow.loginWithPasskey(request, dto.response, dto.remember);
    this.cookie.set(reply, result);
    return { user: result.user, csrfToken: result.csrfToken, expiresAt: result.expiresAt };
  }
}
