import { describeDeliveryError, isPermanentRejection } from './delivery-error';

describe('describeDeliveryError', () => {
  it('keeps the nodemailer code, the SMTP reply code and the reply', () => {
    const error = Object.assign(new Error('Message failed: 451 4.3.0 try later'), {
      code: 'EMESSAGE',
      responseCode: 451,
      response: '451 4.3.0 try later',
      command: 'DATA',
    });
    expect(describeDeliveryError(error)).toBe('EMESSAGE 451: 451 4.3.0 try later');
  });

  it('never keeps the command (AUTH lines carry credentials) or a URL’s user and password', () => {
    const error = Object.assign(new Error('Invalid login for smtp://mailer:s3cret-pass@smtp.example.com:587'), {
      code: 'EAUTH',
      command: 'AUTH PLAIN AG1haWxlcgBzM2NyZXQtcGFzcw==',
    });
    const description = describeDeliveryError(error);
    expect(description).toBe('EAUTH: Invalid login for smtp://[redacted]@smtp.example.com:587');
    expect(description).not.toMatch(/s3cret|AG1haWxlcg|mailer:/);
  });

  it('describes a connection error by its code', () => {
    const error = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:2525'), { code: 'ESOCKET' });
    expect(describeDeliveryError(error)).toBe('ESOCKET: connect ECONNREFUSED 127.0.0.1:2525');
  });

  it('fits the column: one line, at most 500 characters', () => {
    const description = describeDeliveryError(new Error(`line one\r\nline two ${'x'.repeat(1000)}`));
    expect(description.length).toBe(500);
    expect(description).toMatch(/^Error: line one line two x+…$/);
    expect(describeDeliveryError('a string')).toBe('Error: a string');
  });

  it('tells a rejection no retry can change from one worth retrying', () => {
    const smtpError = (code: string, command: string, responseCode?: number) =>
      Object.assign(new Error('x'), { code, command, responseCode });
    expect(isPermanentRejection(smtpError('EENVELOPE', 'RCPT TO', 550))).toBe(true);
    expect(isPermanentRejection(smtpError('EMESSAGE', 'DATA', 554))).toBe(true);
    expect(isPermanentRejection(smtpError('EENVELOPE', 'API'))).toBe(true);
    // Greylisting, a full mailbox for now, a refused login or sender (an operator can fix those), a dead server.
    expect(isPermanentRejection(smtpError('EENVELOPE', 'RCPT TO', 451))).toBe(false);
    expect(isPermanentRejection(smtpError('EENVELOPE', 'MAIL FROM', 550))).toBe(false);
    expect(isPermanentRejection(smtpError('EAUTH', 'AUTH PLAIN', 535))).toBe(false);
    expect(isPermanentRejection(smtpError('ESOCKET', 'CONN'))).toBe(false);
    expect(isPermanentRejection(new Error('boom'))).toBe(false);
  });
});
