import { IsOptional, IsString, MaxLength } from 'class-validator';

/** The CSRF token an HTML form sends in its body (`_csrf`); JSON clients send X-CSRF-Token instead. */
export class CsrfFieldDto {
  @IsOptional()
  @IsString()
  @MaxLength(128)
  _csrf?: string;
}
