import { IsOptional, IsString, MaxLength } from 'class-validator';

/** POST /auth/logout: no fields but the CSRF token an HTML form sends in its body. */
export class LogoutDto {
  @IsOptional()
  @IsString()
  @MaxLength(128)
  _csrf?: string;
}
