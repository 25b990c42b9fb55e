import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { SessionsModule } from '../sessions/sessions.module';
import { TokensModule } from '../tokens/tokens.module';
import { UsersModule } from '../users/users.module';
import { ExpiredSessionGrants } from './expired-session-grants';
import { OidcAccounts } from './oidc-accounts';
import { OidcGrantsModule } from './oidc-grants.module';
import { OidcStoreController } from './oidc-store.controller';
import { OidcController } from './oidc.controller';

/** What the gateway's OpenID Connect provider asks of the auth-service: storage, signing keys, claims, audit, grant links; and the sweep that ends an expired session's grants. */
@Module({
  imports: [OidcGrantsModule, SessionsModule, TokensModule, UsersModule, AuditModule],
  controllers: [OidcStoreController, OidcController],
  providers: [OidcAccounts, ExpiredSessionGrants],
})
export class OidcModule {}
