import { ChangeEmailPayload } from '@app/common';
import { IntersectionType, PickType } from '@nestjs/swagger';
import { CsrfFieldDto } from '../../auth/dto/csrf-field.dto';

/** PUT /auth/email: the new address (the rules live on the payload), and a form's `_csrf`. */
export class ChangeEmailDto extends IntersectionType(PickType(ChangeEmailPayload, ['email'] as const), CsrfFieldDto) {}
