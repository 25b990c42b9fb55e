import { ApiTags } from '@nestjs/swagger';
import {
  AUTH_RPC_CLIENT,
  AuthContract,
  AuthPatterns,
  ClientInfoPayload,
  LoginResult,
  PublicUser,
  RpcClient,
  SessionList,
} from '@app/common';
import { Body, Controller, Delete, Get, Header, HttpCode, Inject, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Auth, Client, GatewayRequest, RequestAuth } from '../http/gateway-request';
import { AuthFlowService } from './auth-flow.service';
import { ChangePasswordDto } from './dto/change-password.dto';
import { LogoutDto } from './dto/logout.dto';
import { RegisterDto } from './dto/register.dto';
import { HttpAuthGuard } from './http-auth.guard';
import { LoginGuard } from './login.guard';
import { SessionCookie } from './session-cookie';

/** The browser session API: /auth/register, login, logout, me, sessions, password. */
@ApiTags('sessions')
@Controller('auth')
export class AuthController {
  constructor(
    @Inject(AUTH_RPC_CLIENT) private readonly auth: RpcClient<AuthContract>,
    private readonly flow: AuthFlowService,
    private readonly cookie: SessionCookie,
  ) {}

  @Post('register')
  @HttpCode(201)
  async register(@Body() dto: RegisterDto, @Client() client: ClientInfoPayload): Promise<{ user: PublicUser }> {
    return { user: await this.auth.send(AuthPatterns.Register, { ...dto, client }) };
  }

  @Post('login')
  @HttpCode(200)
  @UseGuards(LoginGuard)
  async login(
    @Req() request: GatewayRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Omit<LoginResult, 'sessionToken' | 'cookieMaxAgeSeconds'>> {
    const result = request.user as LoginResult;
    await this.flow.discardPreviousSession(request);
    this.cookie.set(reply, result);
    return { user: result.user, csrfToken: result.csrfToken, expiresAt: result.expiresAt };
  }

  @Post('logout')
  @HttpCode(204)
  logout(@Body() _dto: LogoutDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    return this.flow.logout(request, reply);
  }

  @Get('me')
  @UseGuards(HttpAuthGuard)
  @Header('Cache-Control', 'no-store')
  me(@Auth() auth: RequestAuth): { user: PublicUser; csrfToken: string; session: { id: string; createdAt: string; expiresAt: string } } {
    const { user, csrfToken, session } = auth.resolved;
    return { user, csrfToken, session: { id: session.id, createdAt: session.createdAt, expiresAt: session.expiresAt } };
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
  revokeOtherSessions(@Auth() auth: RequestAuth): Promise<void> {
    return this.flow.revokeOtherSessions(auth);
  }

  @Post('password')
  @HttpCode(204)
  @UseGuards(HttpAuthGuard)
  async changePassword(
    @Auth() auth: RequestAuth,
    @Body() dto: ChangePasswordDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.flow.changePassword(auth, request, reply, { currentPassword: dto.currentPassword, newPassword: dto.newPassword });
  }
}
