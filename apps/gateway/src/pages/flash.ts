import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GATEWAY_CONFIG, GatewayConfig } from '../config/gateway.config';

const FLASH_COOKIE = 'flash';
const FLASH_MAX_AGE_SECONDS = 60;

// The cookie carries a key, never text: even a forged or replayed cookie can only show one of these.
const MESSAGES = {
  'login-required': 'Please log in to access this page.',
  'account-created': 'Account created. Please log in.',
  'logged-out': 'You have been logged out.',
  'password-changed': 'Your password has been changed.',
  'session-revoked': 'The session has been signed out.',
  'other-sessions-revoked': 'You have been signed out everywhere else.',
  'password-reset': 'Your password has been changed. Please log in.',
  'email-verified': 'Your email address is verified.',
  'email-verified-login': 'Your email address is verified. Please log in.',
  'verification-sent': 'A new verification link is on its way to your email address.',
  'verification-resent-login': 'If that account has an unverified email address, a new verification link is on its way to it.',
  'email-changed': 'Your email address has been changed. Follow the link we sent to the new address to verify it.',
  'passkey-removed': 'The passkey has been removed.',
  'two-factor-off': 'Two-factor authentication is off.',
  'sign-in-expired': 'Your sign-in expired or had too many wrong codes. Please log in again.',
} as const;

export type FlashKey = keyof typeof MESSAGES;

/** One message carried across a redirect in a signed, short-lived cookie, shown once. */
@Injectable()
export class Flash {
  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  set(reply: FastifyReply, key: FlashKey): void {
    reply.setCookie(FLASH_COOKIE, key, {
      signed: true,
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      maxAge: FLASH_MAX_AGE_SECONDS,
      expires: new Date(Date.now() + FLASH_MAX_AGE_SECONDS * 1000),
      secure: this.config.cookieSecure,
    });
  }

  /** The pending message, if any; reading it clears the cookie so a reload does not repeat it. */
  take(request: FastifyRequest, reply: FastifyReply): string | undefined {
    const raw = request.cookies?.[FLASH_COOKIE];
    if (raw === undefined) return undefined;
    reply.clearCookie(FLASH_COOKIE, { httpOnly: true, sameSite: 'lax', path: '/', secure: this.config.cookieSecure });
    const { valid, value: key } = request.unsignCookie(raw);
    return valid && key !== null && Object.hasOwn(MESSAGES, key) ? MESSAGES[key as FlashKey] : undefined;
  }
}
