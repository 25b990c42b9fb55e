import { Type } from 'class-transformer';
import { IsDefined, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { IsPassword, IsTotpCode } from './auth.fields';
import { AuthenticatedPayload, ClientInfoPayload } from './credential.payload';

/** Public session ids are base64url SHA-256 digests. */
export const SESSION_ID_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Revoke one of the caller's own sessions. */
export class RevokeSessionPayload extends AuthenticatedPayload {
  @IsString()
  @MaxLength(64)
  @Matches(SESSION_ID_PATTERN, { message: 'sessionId is not a session id' })
  sessionId!: string;
}

/** Change the caller's password; the current one is required. */
export class ChangePasswordPayload extends AuthenticatedPayload {
  @IsPassword()
  currentPassword!: string;

  @IsPassword()
  newPassword!: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => ClientInfoPayload)
  client!: ClientInfoPayload;
}

/** Log out: the session the credential names is deleted. */
export class LogoutPayload extends AuthenticatedPayload {
  @IsDefined()
  @ValidateNested()
  @Type(() => ClientInfoPayload)
  client!: ClientInfoPayload;
}

/**
 * Check a credential again for the caller's own session (`POST /auth/reauthenticate`): the password,
 * or a TOTP code. Which one must be given, and how a wrong one counts, is the auth-service's to decide.
 */
export class ReauthenticatePayload extends AuthenticatedPayload {
  @IsOptional()
  @IsPassword()
  password?: string;

  @IsOptional()
  @IsTotpCode()
  totp?: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => ClientInfoPayload)
  client!: ClientInfoPayload;
}
