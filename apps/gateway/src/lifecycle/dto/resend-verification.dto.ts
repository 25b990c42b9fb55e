import { CsrfFieldDto } from '../../auth/dto/csrf-field.dto';

/** POST /auth/email/verification: no fields but the CSRF token an HTML form sends in its body. */
export class ResendVerificationDto extends CsrfFieldDto {}
