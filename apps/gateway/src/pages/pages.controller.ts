import { ApiExcludeController } from '@nestjs/swagger';
import { Controller, Get, Header, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Auth, RequestAuth } from '../http/gateway-request';
import { AdminPageService } from './admin-page.service';
import { DashboardPageService } from './dashboard-page.service';
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
  home(@Req() request: Request, @Res() response: Response): Promise<void> {
    return this.login.home(request, response);
  }

  @Get('login')
  showLogin(@Req() request: Request, @Res() response: Response): Promise<void> {
    return this.login.showLogin(request, response);
  }

  @Post('login')
  submitLogin(@Req() request: Request, @Res() response: Response): Promise<void> {
    return this.login.submitLogin(request, response);
  }

  @Post('logout')
  logout(@Req() request: Request, @Res() response: Response): Promise<void> {
    return this.login.logout(request, response);
  }

  @Get('register')
  showRegister(@Req() request: Request, @Res() response: Response): Promise<void> {
    return this.register.showRegister(request, response);
  }

  @Post('register')
  submitRegister(@Req() request: Request, @Res() response: Response): Promise<void> {
    return this.register.submitRegister(request, response);
  }

  @Get('dashboard')
  @UseGuards(PageAuthGuard)
  showDashboard(@Auth() auth: RequestAuth, @Res() response: Response): Promise<void> {
    return this.dashboard.show(auth, response);
  }

  @Post('dashboard/sessions/:id/revoke')
  @UseGuards(PageAuthGuard)
  revokeSession(@Auth() auth: RequestAuth, @Param('id') id: string, @Res() response: Response): Promise<void> {
    return this.dashboard.revoke(auth, id, response);
  }

  @Get('admin')
  @UseGuards(PageAuthGuard)
  showAdmin(@Auth() auth: RequestAuth, @Res() response: Response): Promise<void> {
    return this.admin.show(auth, response);
  }

  @Post('admin/users/:id/active')
  @UseGuards(PageAuthGuard)
  setUserActive(@Auth() auth: RequestAuth, @Param('id') id: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    return this.admin.setActive(auth, id, request, response);
  }

  @Get('static/app.css')
  @Header('Content-Type', 'text/css; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=3600')
  @Header('X-Content-Type-Options', 'nosniff')
  stylesheet(): string {
    return this.assets.stylesheet();
  }
}
