import { Logger } from '@nestjs/common';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Transporter, createTransport } from 'nodemailer';
import type { StreamSentMessageInfo } from 'nodemailer/lib/stream-transport';
import { composeMessage } from './mail-message';
import { MailTransport } from './mail.transport';
import type { DeliverableMail } from './outgoing-mail';

/** "john@example.com" → "j***@example.com": enough to tell mails apart in a log, not the address. */
function maskAddress(address: string): string {
  const at = address.lastIndexOf('@');
  return at > 0 ? `${address[0]}***${address.slice(at)}` : '***';
}

/**
 * The development default without SMTP_URL: each mail is written as `<outbox id>.eml` (RFC 822, CRLF)
 * into MAIL_OUTBOX_DIR, and its link is logged so `npm start` needs no mail server. The link may hold
 * a token: this mode exists only where production's SMTP_URL check does not apply.
 */
export class EmlFileMailTransport extends MailTransport {
  private readonly logger = new Logger('Mail');
  private readonly transporter: Transporter<StreamSentMessageInfo>;
  private readonly directory: string;

  constructor(
    directory: string,
    private readonly from: string,
  ) {
    super();
    this.directory = resolve(directory);
    this.transporter = createTransport({
      streamTransport: true,
      buffer: true,
      newline: 'windows',
      disableFileAccess: true,
      disableUrlAccess: true,
    });
  }

  async deliver(mail: DeliverableMail): Promise<void> {
    // With `buffer: true` the message is a Buffer, not a stream.
    const { message } = await this.transporter.sendMail(composeMessage(mail, this.from));
    await mkdir(this.directory, { recursive: true, mode: 0o700 });
    const file = join(this.directory, `${mail.id}.eml`);
    // Readable by this user only: the file holds the link, and the link may hold a token.
    await writeFile(file, message, { mode: 0o600 });
    this.logger.log(
      { mailId: mail.id, kind: mail.kind, file },
      `${mail.kind} mail to ${maskAddress(mail.to)}: ${mail.link ?? '(no link)'}`,
    );
  }

  close(): void {
    this.transporter.close();
  }
}
