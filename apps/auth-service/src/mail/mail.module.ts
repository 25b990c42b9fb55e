import { EntityManager } from '@mikro-orm/core';
import { Module } from '@nestjs/common';
import { AUTH_CONFIG, AuthConfig, MailConfig } from '../config/auth.config';
import { EmlFileMailTransport } from './eml-file-mail.transport';
import { MailLinks } from './mail-links';
import { MailTransport } from './mail.transport';
import { OutboxMail } from './outbox-mail.entity';
import { OutboxRepository } from './outbox.repository';
import { OutboxSender } from './outbox.sender';
import { SmtpMailTransport } from './smtp-mail.transport';

/** SMTP when SMTP_URL is set; otherwise (development only: production requires SMTP_URL) .eml files. */
function createMailTransport(config: MailConfig): MailTransport {
  return config.smtpUrl ? new SmtpMailTransport(config.smtpUrl, config.from) : new EmlFileMailTransport(config.outboxDir, config.from);
}

/**
 * Mail through an outbox. Callers inject OutboxRepository and `stage(em, mail)` inside the transaction
 * of the change that causes the mail (or `enqueue(mail)` next to a token in Redis), with a mail from
 * mail-templates.ts and a link from MailLinks; the OutboxSender delivers it.
 */
@Module({
  providers: [
    { provide: MailTransport, inject: [AUTH_CONFIG], useFactory: (config: AuthConfig) => createMailTransport(config.mail) },
    { provide: OutboxRepository, inject: [EntityManager], useFactory: (em: EntityManager) => em.getRepository(OutboxMail) },
    MailLinks,
    OutboxSender,
  ],
  exports: [OutboxRepository, MailLinks],
})
export class MailModule {}
