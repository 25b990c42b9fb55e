import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { Flash } from '../pages/flash';
import { PageErrorFilter } from '../pages/page-error.filter';
import { PageErrors } from '../pages/page-errors';
import { PageRenderer } from '../pages/page-renderer';
import { OidcBridge } from './oidc-bridge';
import { OidcInteractionsController } from './oidc-interactions.controller';
import { OidcInteractionsService } from './oidc-interactions.service';
import { OidcProviderHost } from './oidc-provider.host';

/** The OpenID Connect provider (oidc-provider) under /oidc/, its interactions on the gateway's session and pages. */
@Module({
  imports: [AuthModule],
  controllers: [OidcInteractionsController],
  providers: [OidcProviderHost, OidcBridge, OidcInteractionsService, Flash, PageRenderer, PageErrors, PageErrorFilter],
})
export class OidcModule {}
