import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { AccountPageService } from './account/account-page.service';
import { AccountPagesController } from './account/account-pages.controller';
import { AccountPasswordService } from './account/account-password.service';
import { AccountSessionsService } from './account/account-sessions.service';
import { AccountTwoFactorController } from './account/account-two-factor.controller';
import { AccountTwoFactorService } from './account/account-two-factor.service';
import { AdminPageService } from './admin-page.service';
import { DashboardPageService } from './dashboard-page.service';
import { Flash } from './flash';
import { LoginCsrf } from './login-csrf';
import { LoginFormGuard } from './login-form.guard';
import { LoginPageService } from './login-page.service';
import { PageAuthGuard } from './page-auth.guard';
import { PageErrorFilter } from './page-error.filter';
import { PageErrors } from './page-errors';
import { PageRenderer } from './page-renderer';
import { PagesController } from './pages.controller';
import { RegisterPageService } from './register-page.service';
import { SecondStepPagesController } from './second-step-pages.controller';
import { SecondStepPagesService } from './second-step-pages.service';
import { StaticAssets } from './static-assets';

/** The server-rendered pages for browsers: home, login, register, dashboard, account, admin; errors as HTML. */
@Module({
  imports: [AuthModule],
  controllers: [PagesController, AccountPagesController, AccountTwoFactorController, SecondStepPagesController],
  providers: [
    AccountPageService,
    AccountPasswordService,
    AccountSessionsService,
    AccountTwoFactorService,
    AdminPageService,
    DashboardPageService,
    Flash,
    LoginCsrf,
    LoginFormGuard,
    LoginPageService,
    PageAuthGuard,
    PageErrorFilter,
    PageErrors,
    PageRenderer,
    RegisterPageService,
    SecondStepPagesService,
    StaticAssets,
  ],
})
export class PagesModule {}
