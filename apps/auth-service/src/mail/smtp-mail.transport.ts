import { Transporter, createTransport } from 'nodemailer';
import { composeMessage } from './mail-message';
import { MailTransport } from './mail.transport';
import type { DeliverableMail } from './outgoing-mail';

/** Bounds on one delivery, well inside the outbox's claim (OutboxSender's lock) so a slow server cannot outlive it. */
const CONNECTION_TIMEOUT_MS = 10_000;
const GREETING_TIMEOUT_MS = 10_000;
const SOCKET_TIMEOUT_MS = 30_000;

/** Delivers over SMTP to SMTP_URL (smtp://[user:pass@]host:port; smtps:// for implicit TLS, STARTTLS when offered). */
export class SmtpMailTransport extends MailTransport {
  private readonly transporter: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    super();
    // One connection per mail (no pool): nothing to go stale during an outage, and mail volume is low.
    this.transporter = createTransport({
      url: smtpUrl,
      connectionTimeout: CONNECTION_TIMEOUT_MS,
      greetingTimeout: GREETING_TIMEOUT_MS,
      socketTimeout: SOCKET_TIMEOUT_MS,
      // Content is ours, but nodemailer could read a file or URL named as content: never here.
      disableFileAccess: true,
      disableUrlAccess: true,
    });
  }

  async deliver(mail: DeliverableMail): Promise<void> {
    await this.transporter.sendMail(composeMessage(mail, this.from));
  }

  close(): void {
    this.transporter.close();
  }
}
