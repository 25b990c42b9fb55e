import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsOptional, ValidateNested } from 'class-validator';
import { MessagePayload } from '../message.payload';
import { IsEmailAddress, IsLoginName, IsPassword, IsRefreshToken, IsTotpCode, IsUsername } from './auth.fields';
import { ClientInfoPayload } from './credential.payload';

/** A username and password check, with where it came from (for throttling and the audit log). */
export class LoginPayload extends MessagePayload {
  @IsLoginName()
  username!: string;

  @IsPassword()
  password!: string;

  @IsOptional()
  @IsBoolean()
  remember?: boolean;

  @IsDefined()
  @ValidateNested()
  @Type(() => ClientInfoPayload)
  client!: ClientInfoPayload;
}

/** Create an account. */
export class RegisterPayload extends MessagePayload {
  @IsUsername()
  username!: string;

  @IsPassword()
  password!: string;

  @IsOptional()
  @IsEmailAddress()
  email?: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => ClientInfoPayload)
  client!: ClientInfoPayload;
}

/** The OAuth-style password grant: a login that answers with tokens instead of a cookie; `totp` for an account with TOTP. */
export class PasswordGrantPayload extends LoginPayload {
  @IsOptional()
  @IsTotpCode()
  totp?: string;
}

/** Trade a refresh token for a new access and refresh token. */
export class RefreshGrantPayload extends MessagePayload {
  @IsRefreshToken()
  refreshToken!: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => ClientInfoPayload)
  client!: ClientInfoPayload;
}
