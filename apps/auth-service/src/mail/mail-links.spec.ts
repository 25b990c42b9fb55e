import { loadAuthConfig } from '../config/auth.config';
import { MailLinks } from './mail-links';

describe('MailLinks', () => {
  it('starts every link with PUBLIC_BASE_URL and carries the token as ?token=', () => {
    const links = new MailLinks(loadAuthConfig({ PUBLIC_BASE_URL: 'https://auth.example.com/base/' }));
    expect(links.passwordReset('abc_-9')).toBe('https://auth.example.com/base/reset-password?token=abc_-9');
    expect(links.emailVerification('abc_-9')).toBe('https://auth.example.com/base/verify-email?token=abc_-9');
    expect(links.account()).toBe('https://auth.example.com/base/account');
  });

  it('defaults to the gateway on this machine', () => {
    expect(new MailLinks(loadAuthConfig({})).account()).toBe('http://localhost:3000/account');
    expect(new MailLinks(loadAuthConfig({ GATEWAY_PORT: '4100' })).passwordReset('t')).toBe('http://localhost:4100/reset-password?token=t');
  });
});
