import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { LifecycleModule } from '../lifecycle/lifecycle.module';
import { AccountEmailService } from './account/account-email.service';
import { AccountPageService } from './account/account-page.service';
import { AccountPagesController } from './account/account-pages.controller';
import { AccountPasskeysService } from './account/account-passkeys.service';
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
import { EmailVerificationPagesService } from './recovery/email-verification-pages.service';
import { PasswordRecoveryPagesService } from './recovery/password-recovery-pages.service';
import { RecoveryPagesController } from './recovery/recovery-pages.controller';
import { RegisterPageService } from './register-page.service';
import { SecondStepPagesController } from './second-step-pages.controller';
import { SecondStepPagesService } from './second-step-pages.service';
import { StaticAssets } from './static-assets';

/** The server-rendered pages for browsers: home, login, register, dashboard, account, admin; errors as HTML. */
@Module({
  imports: [AuthModule, LifecycleModule],
  controllers: [PagesController, AccountPagesController, RecoveryPagesController, AccountTwoFactorController, SecondStepPagesController],
  providers: [
    AccountEmailService,
    EmailVerificationPagesService,
    PasswordRecoveryPagesService,
    AccountPageService,
    AccountPasskeysService,
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
