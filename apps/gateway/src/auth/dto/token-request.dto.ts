import { IsLoginName, IsPassword } from '@app/common';
import { IsIn, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';

const isPasswordGrant = (dto: TokenRequestDto): boolean => dto.grant_type === 'password';
const isRefreshGrant = (dto: TokenRequestDto): boolean => dto.grant_type === 'refresh_token';

/** POST /auth/token: the password grant or the refresh grant. */
export class TokenRequestDto {
  @IsIn(['password', 'refresh_token'], { message: 'grant_type must be "password" or "refresh_token"' })
  grant_type!: 'password' | 'refresh_token';

  @ValidateIf(isPasswordGrant)
  @IsLoginName()
  username?: string;

  @ValidateIf(isPasswordGrant)
  @IsPassword()
  password?: string;

  @ValidateIf(isRefreshGrant)
  @IsString()
  @MinLength(1)
  @MaxLength(512)
  refresh_token?: string;
}
