import { ChangePasswordPayload } from '@app/common';
import { IntersectionType, PickType } from '@nestjs/swagger';
import { CsrfFieldDto } from './csrf-field.dto';

/** POST /auth/password: the passwords of the change message (the rules live on the payload), and a form's `_csrf`. */
export class ChangePasswordDto extends IntersectionType(
  PickType(ChangePasswordPayload, ['currentPassword', 'newPassword'] as const),
  CsrfFieldDto,
) {}
