import { Module } from '@nestjs/common';
import { TokensModule } from '../tokens/tokens.module';
import { BackchannelLogout } from './backchannel-logout';
import { OidcGrants } from './oidc-grants';
import { OidcStore } from './oidc.store';

/** The provider's storage and its grants' ties to sessions: what ending a session must reach (imported by SessionsModule). */
@Module({
  imports: [TokensModule],
  providers: [OidcStore, OidcGrants, BackchannelLogout],
  exports: [OidcStore, OidcGrants],
})
export class OidcGrantsModule {}
