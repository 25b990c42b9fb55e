import { describeLifetime, emailChangedNoticeMail, emailVerificationMail, escapeHtml, passwordResetMail } from './mail-templates';

const token = 'q2Lb0dX4w9z_yR-8tMvKcA';
const resetLink = `http://localhost:3000/reset-password?token=${token}`;

describe('mail templates', () => {
  it('puts the reset link in full in the text part, with its lifetime, and nothing else secret', () => {
    const mail = passwordResetMail({ to: 'alice@example.com', username: 'alice', link: resetLink, lifetimeSeconds: 3600 });
    expect(mail).toMatchObject({ kind: 'password-reset', to: 'alice@example.com', subject: 'Reset your password', link: resetLink });
    expect(mail.text.split('\n')).toContain(resetLink);
    expect(mail.text).toMatch(/expires in 1 hour\./);
    expect(mail.text.match(new RegExp(token, 'g'))).toHaveLength(1);
    expect(mail.html).toContain(`<a href="${resetLink}">Choose a new password</a>`);
  });

  it('bounds the delivery of a mail with a token by the token’s lifetime; a notice has no bound', () => {
    const before = Date.now();
    const mail = passwordResetMail({ to: 'a@example.com', username: 'a', link: resetLink, lifetimeSeconds: 3600 });
    expect(mail.expiresAt?.getTime()).toBeGreaterThanOrEqual(before + 3_600_000);
    expect(mail.expiresAt?.getTime()).toBeLessThanOrEqual(Date.now() + 3_600_000);
    expect(emailChangedNoticeMail({ to: 'a@example.com', username: 'a', link: 'http://x/account' }).expiresAt).toBeUndefined();
  });

  it('sends the verification link to the address it verifies', () => {
    const link = `http://localhost:3000/verify-email?token=${token}`;
    const mail = emailVerificationMail({ to: 'bob@example.com', username: 'bob', link, lifetimeSeconds: 86_400 });
    expect(mail).toMatchObject({ kind: 'email-verification', to: 'bob@example.com', subject: 'Confirm your email address' });
    expect(mail.text).toContain('confirm that bob@example.com is your email address');
    expect(mail.text.split('\n')).toContain(link);
    expect(mail.text).toMatch(/expires in 24 hours\./);
  });

  it('tells the old address of an email change, with a link to the account and no token', () => {
    const mail = emailChangedNoticeMail({ to: 'old@example.com', username: 'carol', link: 'http://localhost:3000/account' });
    expect(mail).toMatchObject({ kind: 'email-changed-notice', to: 'old@example.com', subject: 'Your email address was changed' });
    expect(mail.text.split('\n')).toContain('http://localhost:3000/account');
    expect(mail.text).not.toMatch(/token=/);
  });

  it('escapes what it puts into HTML', () => {
    const link = 'http://localhost:3000/reset-password?token=abc&x="><script>';
    const mail = passwordResetMail({ to: 'x@example.com', username: '<img src=x onerror=alert(1)>', link, lifetimeSeconds: 1800 });
    expect(mail.html).not.toMatch(/<img|<script|"><script/);
    expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(mail.html).toContain('href="http://localhost:3000/reset-password?token=abc&amp;x=&quot;&gt;&lt;script&gt;"');
    expect(mail.text).toContain('Hello <img src=x onerror=alert(1)>,');
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });

  it('says lifetimes in words', () => {
    expect([3600, 7200, 86_400, 1800, 60, 90, 20].map(describeLifetime)).toEqual([
      '1 hour',
      '2 hours',
      '24 hours',
      '30 minutes',
      '1 minute',
      '2 minutes',
      '1 minute',
    ]);
  });
});
