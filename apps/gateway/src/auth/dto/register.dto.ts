import { IsEmailAddress, IsPassword, IsUsername } from '@app/common';
import { IsOptional } from 'class-validator';

/** POST /auth/register */
export class RegisterDto {
  @IsUsername()
  username!: string;

  @IsPassword()
  password!: string;

  @IsOptional()
  @IsEmailAddress()
  email?: string;
}
