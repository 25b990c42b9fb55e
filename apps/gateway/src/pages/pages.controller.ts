import { AllowWithoutMfa, FreshnessGuard, RequireFresh } from '@app/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Controller, Get, Header, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Auth, RequestAuth } from '../http/gateway-request';
import { AdminPageService } from './admin-page.service';
import { DashboardPageService } from './dashboard-page.service';
import { LoginFormGuard } from './login-form.guard';
import { LoginPageService } from './login-page.service';
import { PageAuthGuard } from './page-auth.guard';
import { PageErrorFilter } from './page-error.filter';
import { RegisterPageService } from './register-page.service';
import { StaticAssets } from './static-assets';

/** The server-rendered pages for browsers (HTML, forms, redirects); errors render as HTML pages. */
@ApiExcludeController()
@Controller()
@UseFilters(PageErrorFilter)
export class PagesController {
  constructor(
    private readonly login: LoginPageService,
    private readonly register: RegisterPageService,
    private readonly dashboard: DashboardPageService,
    private readonly admin: AdminPageService,
    private readonly assets: StaticAssets,
  ) {}

  @Get()
  home(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.login.home(request, reply);
  }

  @Get('login')
  showLogin(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.login.showLogin(request, reply);
  }

  @Post('login')
  @UseGuards(LoginFormGuard)
  submitLogin(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.login.submitLogin(request, reply);
  }

  @Post('logout')
  @AllowWithoutMfa()
  logout(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.login.logout(request, reply);
  }

  @Get('register')
  showRegister(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.register.showRegister(request, reply);
  }

  @Post('register')
  @UseGuards(LoginFormGuard)
  submitRegister(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.register.submitRegister(request, reply);
  }

  @Get('dashboard')
  @UseGuards(PageAuthGuard)
  showDashboard(@Auth() auth: RequestAuth, @Res() reply: FastifyReply): Promise<void> {
    return this.dashboard.show(auth, reply);
  }

  @Post('dashboard/sessions/:id/revoke')
  @UseGuards(PageAuthGuard)
  revokeSession(@Auth() auth: RequestAuth, @Param('id') id: string, @Res() reply: FastifyReply): Promise<void> {
    return this.dashboard.revoke(auth, id, reply);
  }

  @Get('admin')
  @UseGuards(PageAuthGuard)
  showAdmin(@Auth() auth: RequestAuth, @Res() reply: FastifyReply): Promise<void> {
    return this.admin.show(auth, reply);
  }

  /** Sensitive: a stale session is sent to /reauthenticate (the admin-service would refuse it anyway). */
  @Post('admin/users/:id/active')
  @UseGuards(PageAuthGuard, FreshnessGuard)
  @RequireFresh()
  setUserActive(
    @Auth() auth: RequestAuth,
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.admin.setActive(auth, id, request, reply);
  }

  @Get('static/app.css')
  @Header('Content-Type', 'text/css; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=3600')
  @Header('X-Content-Type-Options', 'nosniff')
  stylesheet(): string {
    return this.assets.stylesheet();
  }

  @Get('static/passkeys.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=3600')
  @Header('X-Content-Type-Options', 'nosniff')
  passkeysScript(): string {
    return this.assets.passkeysScript();
  }
}
