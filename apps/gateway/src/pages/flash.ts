import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { GATEWAY_CONFIG, GatewayConfig } from '../config/gateway.config';

const FLASH_COOKIE = 'flash';
const FLASH_MAX_AGE_MS = 60_000;

// The cookie carries a key, never text: even a forged or replayed cookie can only show one of these.
const MESSAGES = {
  'login-required': 'Please log in to access this page.',
  'account-created': 'Account created. Please log in.',
  'logged-out': 'You have been logged out.',
} as const;

export type FlashKey = keyof typeof MESSAGES;

/** One message carried across a redirect in a signed, short-lived cookie, shown once. */
@Injectable()
export class Flash {
  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  set(response: Response, key: FlashKey): void {
    response.cookie(FLASH_COOKIE, key, {
      signed: true,
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      maxAge: FLASH_MAX_AGE_MS,
      secure: this.config.cookieSecure,
    });
  }

  /** The pending message, if any; reading it clears the cookie so a reload does not repeat it. */
  take(request: Request, response: Response): string | undefined {
    const signed = request.signedCookies as Record<string, unknown> | undefined;
    const raw: unknown = request.cookies?.[FLASH_COOKIE] ?? signed?.[FLASH_COOKIE];
    if (raw === undefined) return undefined;
    response.clearCookie(FLASH_COOKIE, { httpOnly: true, sameSite: 'lax', path: '/', secure: this.config.cookieSecure });
    const key = signed?.[FLASH_COOKIE];
    return typeof key === 'string' && Object.hasOwn(MESSAGES, key) ? MESSAGES[key as FlashKey] : undefined;
  }
}
