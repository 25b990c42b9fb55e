import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module';
import { AccountMails } from './account-mails';
import { AccountTokens } from './account-tokens';
import { MailQuota } from './mail-quota';

/** Reset and verification tokens (Redis, SHA-256, single use), the mail throttles, and the account mails staged with them. */
@Module({
  imports: [MailModule],
  providers: [AccountTokens, MailQuota, AccountMails],
  exports: [AccountTokens, MailQuota, AccountMails],
})
export class VerificationModule {}
