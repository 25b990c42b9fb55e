import { IsPassword } from '@app/common';
import { IsBoolean, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

/** POST /auth/login */
export class LoginDto {
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  username!: string;

  @IsPassword()
  password!: string;

  @IsOptional()
  @IsBoolean()
  remember?: boolean;
}
