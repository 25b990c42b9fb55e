import { IsLoginName, IsPassword } from '@app/common';
import { IsBoolean, IsOptional } from 'class-validator';

/** POST /auth/login */
export class LoginDto {
  @IsLoginName()
  username!: string;

  @IsPassword()
  password!: string;

  @IsOptional()
  @IsBoolean()
  remember?: boolean;
}
