import type { DeliverableMail } from './outgoing-mail';

/** Delivers one mail; built from config (SMTP, or .eml files in development). */
export abstract class MailTransport {
  /** Resolves once the mail is accepted (over SMTP: the server's reply to DATA); rejects otherwise. */
  abstract deliver(mail: DeliverableMail): Promise<void>;

  /** Releases connections; called once, on shutdown. */
  abstract close(): void;
}
