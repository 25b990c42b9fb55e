import { Inject, Injectable } from '@nestjs/common';
import { AUTH_CONFIG, AuthConfig } from '../config/auth.config';

/** The links mails carry, all starting with PUBLIC_BASE_URL; tokens go in `?token=` (base64url needs no escaping, but gets it). */
@Injectable()
export class MailLinks {
  private readonly base: string;

  constructor(@Inject(AUTH_CONFIG) config: AuthConfig) {
    this.base = config.mail.publicBaseUrl;
  }

  passwordReset(token: string): string {
    return `${this.base}/reset-password?token=${encodeURIComponent(token)}`;
  }

  emailVerification(token: string): string {
    return `${this.base}/verify-email?token=${encodeURIComponent(token)}`;
  }

  account(): string {
    return `${this.base}/account`;
  }
}
