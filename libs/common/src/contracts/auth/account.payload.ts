import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsDefined, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { MessagePayload } from '../message.payload';
import { IsLoginName, IsPassword } from './auth.fields';
import { IsCanonicalEmail } from './canonical-email.field';
import { AuthenticatedPayload, ClientInfoPayload } from './credential.payload';

/** A reset or verification token as presented: bounded text (whether it is one of ours is the auth-service's to say: INVALID_TOKEN). */
export function IsAccountToken(): PropertyDecorator {
  return applyDecorators(IsString(), MinLength(1), MaxLength(256));
}

/** `POST /auth/password/forgot`: the account named by its email or its username (exactly one of them). */
export class ForgotPasswordPayload extends MessagePayload {
  @IsOptional()
  @IsCanonicalEmail()
  email?: string;

  @IsOptional()
  @IsLoginName()
  username?: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => ClientInfoPayload)
  client!: ClientInfoPayload;
}

/** `POST /auth/password/reset`: the token from the mail and the new password. */
export class ResetPasswordPayload extends MessagePayload {
  @IsAccountToken()
  token!: string;

  @IsPassword()
  newPassword!: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => ClientInfoPayload)
  client!: ClientInfoPayload;
}

/** `POST /auth/email/verify`: the token from the verification mail. */
export class VerifyEmailPayload extends MessagePayload {
  @IsAccountToken()
  token!: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => ClientInfoPayload)
  client!: ClientInfoPayload;
}

/** `POST /auth/email/verification`: a new verification mail to the caller's unverified address. */
export class ResendVerificationPayload extends AuthenticatedPayload {
  @IsDefined()
  @ValidateNested()
  @Type(() => ClientInfoPayload)
  client!: ClientInfoPayload;
}

/**
 * The login page's "send the link again" after EMAIL_NOT_VERIFIED (no session yet): answered the same
 * whether or not the account exists, throttled like a forgotten password.
 */
export class ResendVerificationForLoginPayload extends MessagePayload {
  @IsLoginName()
  username!: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => ClientInfoPayload)
  client!: ClientInfoPayload;
}

/** `PUT /auth/email`: the caller's new address (fresh session required). */
export class ChangeEmailPayload extends AuthenticatedPayload {
  @IsCanonicalEmail()
  email!: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => ClientInfoPayload)
  client!: ClientInfoPayload;
}
