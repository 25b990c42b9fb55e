import { Module } from '@nestjs/common';
import { SessionsModule } from '../sessions/sessions.module';
import { UsersModule } from '../users/users.module';
import { VerificationModule } from '../verification/verification.module';
import { EmailController } from './email.controller';
import { EmailService } from './email.service';

/** The email address: verification, a new link, a change of address. */
@Module({
  imports: [UsersModule, SessionsModule, VerificationModule],
  controllers: [EmailController],
  providers: [EmailService],
})
export class EmailModule {}
