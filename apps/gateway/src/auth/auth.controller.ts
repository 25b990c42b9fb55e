import { ApiTags } from '@nestjs/swagger';
import {
  AUTH_RPC_CLIENT,
  AllowWithoutMfa,
  AuthContract,
  AuthPatterns,
  ClientInfoPayload,
  MfaChallenge,
  RpcClient,
  SessionList,
  isMfaChallenge,
} from '@app/common';
import { Body, Controller, Delete, Get, Header, HttpCode, Inject, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Auth, Client, RequestAuth } from '../http/gateway-request';
import { AuthFlowService } from './auth-flow.service';
import { LoginResponse, MeResponse, RegisterResponse } from './auth.responses';
import { ChangePasswordDto } from './dto/change-password.dto';
import { LoginDto } from './dto/login.dto';
import { LogoutDto } from './dto/logout.dto';
import { RegisterDto } from './dto/register.dto';
import { HttpAuthGuard } from './http-auth.guard';
import { LocalLogin } from './local-login';
import { SameOriginGuard } from './same-origin.guard';
import { SessionCommands } from './session-commands';
import { SessionCookie } from './session-cookie';

/** The browser session API: /auth/register, login, logout, me, sessions, password. */
@ApiTags('sessions')
@Controller('auth')
export class AuthController {
  constructor(
    @Inject(AUTH_RPC_CLIENT) private readonly auth: RpcClient<AuthContract>,
    private readonly flow: AuthFlowService,
    private readonly commands: SessionCommands,
    private readonly local: LocalLogin,
    private readonly cookie: SessionCookie,
  ) {}

  /** Cross-site registrations are refused like cross-site logins (a form elsewhere may not create accounts). */
  @Post('register')
  @HttpCode(201)
  @UseGuards(SameOriginGuard)
  async register(@Body() dto: RegisterDto, @Client() client: ClientInfoPayload): Promise<RegisterResponse> {
    return { user: await this.auth.send(AuthPatterns.Register, { ...dto, client }) };
  }

  /** Cross-site logins are refused first (login CSRF); the body is the pipe's to validate; then passport-local. */
  @Post('login')
  @HttpCode(200)
  @UseGuards(SameOriginGuard)
  async login(
    @Body() _dto: LoginDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LoginResponse | MfaChallenge> {
    const outcome = await this.local.authenticate(request, reply);
    // With TOTP on: no session (no cookie), only the second step's token.
    if (isMfaChallenge(outcome)) return outcome;
    this.cookie.set(reply, outcome);
    return { user: outcome.user, csrfToken: outcome.csrfToken, expiresAt: outcome.expiresAt };
  }

  @Post('logout')
  @HttpCode(204)
  @AllowWithoutMfa()
  async logout(@Body() _dto: LogoutDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.flow.logout(request, reply);
    reply.header('Clear-Site-Data', '"cookies"');
  }

  @Get('me')
  @UseGuards(HttpAuthGuard)
  @AllowWithoutMfa()
  @Header('Cache-Control', 'no-store')
  me(@Auth() auth: RequestAuth): MeResponse {
    const { user, csrfToken, session } = auth.resolved;
    const { id, createdAt, expiresAt, authenticatedAt, amr } = session;
    return { user, csrfToken, session: { id, createdAt, expiresAt, authenticatedAt, amr } };
  }

  @Get('sessions')
  @UseGuards(HttpAuthGuard)
  @Header('Cache-Control', 'no-store')
  sessions(@Auth() auth: RequestAuth): Promise<SessionList> {
    return this.auth.send(AuthPatterns.ListSessions, { credential: auth.credential });
  }

  @Delete('sessions/:id')
  @HttpCode(204)
  @UseGuards(HttpAuthGuard)
  revokeSession(@Auth() auth: RequestAuth, @Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    return this.flow.revokeSession(auth, id, reply);
  }

  @Delete('sessions')
  @HttpCode(204)
  @UseGuards(HttpAuthGuard)
  async revokeOtherSessions(@Auth() auth: RequestAuth): Promise<void> {
    await this.commands.revokeOtherSessions(auth);
  }

  @Post('password')
  @HttpCode(204)
  @UseGuards(HttpAuthGuard)
  changePassword(
    @Auth() auth: RequestAuth,
    @Body() dto: ChangePasswordDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    return this.flow.changePassword(auth, request, reply, { currentPassword: dto.currentPassword, newPassword: dto.newPassword });
  }
}
