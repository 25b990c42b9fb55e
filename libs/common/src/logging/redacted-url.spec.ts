import { redactedUrl } from './structured-logging.module';

describe('the access log’s URL', () => {
  it('blanks the value of every token query parameter (a mailed link’s reset or verification token)', () => {
    expect(redactedUrl('/reset-password?token=q2Lb0dX4w9z_yR-8tMvKcAq2Lb0dX4w9z_yR-8tMvKc')).toBe('/reset-password?token=[redacted]');
    expect(redactedUrl('/verify-email?x=1&token=abc&y=2')).toBe('/verify-email?x=1&token=[redacted]&y=2');
    expect(redactedUrl('/verify-email?TOKEN=abc#frag')).toBe('/verify-email?TOKEN=[redacted]#frag');
  });

  it('leaves URLs without a token as they are', () => {
    expect(redactedUrl('/login?next=/dashboard')).toBe('/login?next=/dashboard');
    expect(redactedUrl('/admin/audit?type=password.reset&mytoken=1')).toBe('/admin/audit?type=password.reset&mytoken=1');
    expect(redactedUrl(undefined)).toBeUndefined();
  });
});
