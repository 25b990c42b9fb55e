import { IsIn, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';

/** POST /auth/token: the password grant or the refresh grant. */
export class TokenRequestDto {
  @IsIn(['password', 'refresh_token'], { message: 'grant_type must be "password" or "refresh_token"' })
  grant_type!: 'password' | 'refresh_token';

  @ValidateIf((dto: TokenRequestDto) => dto.grant_type === 'password')
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  username?: string;

  @ValidateIf((dto: TokenRequestDto) => dto.grant_type === 'password')
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password?: string;

  @ValidateIf((dto: TokenRequestDto) => dto.grant_type === 'refresh_token')
  @IsString()
  @MinLength(1)
  @MaxLength(512)
  refresh_token?: string;
}
