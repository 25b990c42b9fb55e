import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsDefined, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { MessagePayload } from '../message.payload';
import { IsTotpCode } from './auth.fields';
import { AuthenticatedPayload, ClientInfoPayload } from './credential.payload';

/** An mfaToken as handed out: 43 characters of base64url (32 random bytes). */
export const MFA_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * A recovery code as typed: 16 letters and digits of RFC 4648 base32, in groups of four, dashes and
 * case optional (the auth-service normalises it). Longer or other characters are a 400.
 */
export const RECOVERY_CODE_PATTERN = /^(?:[A-Za-z2-7]{4}-?){3}[A-Za-z2-7]{4}$/;

/** A recovery code as typed. */
export function IsRecoveryCode(): PropertyDecorator {
  return applyDecorators(
    IsString(),
    Matches(RECOVERY_CODE_PATTERN, { message: 'recoveryCode must be 16 letters or digits (dashes allowed)' }),
  );
}

/** One second-factor code: a TOTP code or a recovery code (exactly one; the receiver checks that). */
export class SecondFactorCodePayload extends AuthenticatedPayload {
  @IsOptional()
  @IsTotpCode()
  totp?: string;

  @IsOptional()
  @IsRecoveryCode()
  recoveryCode?: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => ClientInfoPayload)
  client!: ClientInfoPayload;
}

/** Confirm a TOTP setup with its first code. */
export class TotpConfirmPayload extends AuthenticatedPayload {
  @IsTotpCode()
  totp!: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => ClientInfoPayload)
  client!: ClientInfoPayload;
}

/** A command of the caller's own on their second factor that needs nothing but who and where from. */
export class MfaCommandPayload extends AuthenticatedPayload {
  @IsDefined()
  @ValidateNested()
  @Type(() => ClientInfoPayload)
  client!: ClientInfoPayload;
}

/** The login's second step: the token of the password step, and one code. */
export class LoginSecondFactorPayload extends MessagePayload {
  @IsString()
  @MaxLength(64)
  @Matches(MFA_TOKEN_PATTERN, { message: 'mfaToken is not an mfa token' })
  mfaToken!: string;

  @IsOptional()
  @IsTotpCode()
  totp?: string;

  @IsOptional()
  @IsRecoveryCode()
  recoveryCode?: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => ClientInfoPayload)
  client!: ClientInfoPayload;
}
