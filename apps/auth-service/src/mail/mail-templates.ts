import type { OutgoingMail } from './outgoing-mail';

/** What every template needs: who gets it, whom it greets, and the link it carries. */
export interface MailTemplateInput {
  to: string;
  username: string;
  link: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** HTML-escapes text for element content and double-quoted attributes. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => ESCAPES[character]);
}

/** "1 hour", "24 hours", "30 minutes": how long a link works, in the mail's words. */
export function describeLifetime(seconds: number): string {
  const plural = (count: number, unit: string): string => `${count} ${unit}${count === 1 ? '' : 's'}`;
  if (seconds >= 3600 && seconds % 3600 === 0) return plural(seconds / 3600, 'hour');
  return plural(Math.max(1, Math.round(seconds / 60)), 'minute');
}

interface MailBody {
  /** Paragraphs before the link, and after it. */
  before: string[];
  after: string[];
  link: string;
  linkLabel: string;
}

/** The text part holds the paragraphs and the link in full; the HTML part the same, escaped, the link as an anchor. */
function render(body: MailBody): { text: string; html: string } {
  const text = [...body.before, body.link, ...body.after].join('\n\n') + '\n';
  const paragraphs = (lines: string[]): string[] => lines.map((line) => `<p>${escapeHtml(line)}</p>`);
  const html = [
    '<!doctype html><html><body style="font-family: sans-serif; line-height: 1.5">',
    ...paragraphs(body.before),
    `<p><a href="${escapeHtml(body.link)}">${escapeHtml(body.linkLabel)}</a></p>`,
    `<p style="font-size: smaller">${escapeHtml(body.link)}</p>`,
    ...paragraphs(body.after),
    '</body></html>',
  ].join('\n');
  return { text, html };
}

/** When a link that lives `lifetimeSeconds` from now expires. */
function expiry(lifetimeSeconds: number): Date {
  return new Date(Date.now() + lifetimeSeconds * 1000);
}

/** The mail with a link to /reset-password?token=…; the link's lifetime is said in words and bounds its delivery. */
export function passwordResetMail(input: MailTemplateInput & { lifetimeSeconds: number }): OutgoingMail {
  const body = render({
    before: [`Hello ${input.username},`, 'someone asked to reset the password of your account. Open this link to choose a new one:'],
    link: input.link,
    linkLabel: 'Choose a new password',
    after: [
      `The link works once and expires in ${describeLifetime(input.lifetimeSeconds)}.`,
      'If you did not ask for this, ignore this mail: your password stays as it is.',
    ],
  });
  return {
    kind: 'password-reset',
    to: input.to,
    subject: 'Reset your password',
    ...body,
    link: input.link,
    expiresAt: expiry(input.lifetimeSeconds),
  };
}

/** The mail with a link to /verify-email?token=…, sent to the address being verified. */
export function emailVerificationMail(input: MailTemplateInput & { lifetimeSeconds: number }): OutgoingMail {
  const body = render({
    before: [`Hello ${input.username},`, `please confirm that ${input.to} is your email address by opening this link:`],
    link: input.link,
    linkLabel: 'Confirm my email address',
    after: [
      `The link works once and expires in ${describeLifetime(input.lifetimeSeconds)}.`,
      'If you did not sign up or change your email address, ignore this mail.',
    ],
  });
  return {
    kind: 'email-verification',
    to: input.to,
    subject: 'Confirm your email address',
    ...body,
    link: input.link,
    expiresAt: expiry(input.lifetimeSeconds),
  };
}

/** The notice to the old address after an email change; its link leads to the account page (no token). */
export function emailChangedNoticeMail(input: MailTemplateInput): OutgoingMail {
  const body = render({
    before: [
      `Hello ${input.username},`,
      'the email address of your account was changed: mail for the account now goes to the new address. Your account:',
    ],
    link: input.link,
    linkLabel: 'Open my account',
    after: [
      'If you made this change, there is nothing to do.',
      'If you did not, sign in, change your password and sign out your other sessions, or ask the administrator for help.',
    ],
  });
  return { kind: 'email-changed-notice', to: input.to, subject: 'Your email address was changed', ...body, link: input.link };
}
