import { IsLoginName, IsPassword, IsRefreshToken, IsTotpCode } from '@app/common';
import { IsIn, IsOptional, ValidateIf } from 'class-validator';

const isPasswordGrant = (dto: TokenRequestDto): boolean => dto.grant_type === 'password';
const isRefreshGrant = (dto: TokenRequestDto): boolean => dto.grant_type === 'refresh_token';

/**
 * POST /auth/token: the password grant or the refresh grant, in OAuth's field names. Each field takes
 * the rule of the payload field it becomes (`username`/`password` of PasswordGrantPayload,
 * `totp`, `refresh_token` of RefreshGrantPayload's `refreshToken`), checked only for its grant.
 */
export class TokenRequestDto {
  @IsIn(['password', 'refresh_token'], { message: 'grant_type must be "password" or "refresh_token"' })
  grant_type!: 'password' | 'refresh_token';

  @ValidateIf(isPasswordGrant)
  @IsLoginName()
  username?: string;

  @ValidateIf(isPasswordGrant)
  @IsPassword()
  password?: string;

  /** The account's TOTP code, for an account with TOTP on (else 403 MFA_REQUIRED). */
  @ValidateIf(isPasswordGrant)
  @IsOptional()
  @IsTotpCode()
  totp?: string;

  @ValidateIf(isRefreshGrant)
  @IsRefreshToken()
  refresh_token?: string;
}
