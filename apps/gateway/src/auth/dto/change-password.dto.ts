import { IsPassword } from '@app/common';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** POST /auth/password */
export class ChangePasswordDto {
  @IsPassword()
  currentPassword!: string;

  @IsPassword()
  newPassword!: string;

  /** Accepted for HTML forms, which send the CSRF token in the body. */
  @IsOptional()
  @IsString()
  @MaxLength(128)
  _csrf?: string;
}
