import { ReauthenticatePayload } from '@app/common';
import { IntersectionType, PickType } from '@nestjs/swagger';
import { CsrfFieldDto } from '../../auth/dto/csrf-field.dto';

/** POST /auth/reauthenticate: the password or a TOTP code (the rules live on the payload), and a form's `_csrf`. */
export class ReauthenticateDto extends IntersectionType(PickType(ReauthenticatePayload, ['password', 'totp'] as const), CsrfFieldDto) {}
