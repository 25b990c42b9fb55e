import { CsrfFieldDto } from './csrf-field.dto';

/** POST /auth/logout: no fields but the CSRF token an HTML form sends in its body. */
export class LogoutDto extends CsrfFieldDto {}
