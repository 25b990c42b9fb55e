import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { SessionsModule } from '../sessions/sessions.module';
import { ThrottleModule } from '../throttle/throttle.module';
import { UsersModule } from '../users/users.module';
import { PasskeyCeremonies } from './passkey-ceremonies';
import { PasskeyLoginService } from './passkey-login.service';
import { Passkey } from './passkey.entity';
import { PasskeysController } from './passkeys.controller';
import { PasskeysService } from './passkeys.service';
import { WebAuthnChallenges } from './webauthn-challenges';

/** Passkeys (WebAuthn): the `passkeys` table, registering and removing one, and signing in with one. */
@Module({
  imports: [MikroOrmModule.forFeature([Passkey]), UsersModule, SessionsModule, ThrottleModule, AuditModule],
  controllers: [PasskeysController],
  providers: [PasskeyCeremonies, WebAuthnChallenges, PasskeysService, PasskeyLoginService],
})
export class PasskeysModule {}
