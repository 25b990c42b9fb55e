import type { MailKind } from './outbox-mail.entity';

/** A mail as a caller stages it: rendered, addressed, with its one link (if any). */
export interface OutgoingMail {
  kind: MailKind;
  to: string;
  subject: string;
  /** The text part; it holds the link in full. */
  text: string;
  html?: string;
  /** The link the mail carries (it starts with PUBLIC_BASE_URL and may hold a token). */
  link?: string;
  /** When the link stops working; the outbox gives the mail up if it is not delivered by then. */
  expiresAt?: Date;
}

/** A mail as a transport delivers it: the outbox row's id names it (Message-ID, file name). */
export interface DeliverableMail {
  id: string;
  kind: MailKind;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  link: string | null;
}
