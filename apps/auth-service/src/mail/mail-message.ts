import type { SendMailOptions } from 'nodemailer';
import type { DeliverableMail } from './outgoing-mail';

/**
 * The nodemailer message of an outbox mail. Its Message-ID derives from the outbox id, so a mail that
 * is sent again (a sender died between the server's acceptance and the database write) carries the
 * same Message-ID and mail systems that deduplicate on it show it once.
 */
export function composeMessage(mail: DeliverableMail, from: string): SendMailOptions {
  const domain = /@([^\s>]+)/.exec(from)?.[1] ?? 'localhost';
  return {
    from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    ...(mail.html ? { html: mail.html } : {}),
    messageId: `<${mail.id}@${domain}>`,
    // RFC 3834: no auto-replies (vacation notices) to a machine's mail.
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}
