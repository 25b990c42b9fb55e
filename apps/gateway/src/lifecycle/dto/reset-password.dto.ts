import { ResetPasswordPayload } from '@app/common';
import { PickType } from '@nestjs/swagger';

/** POST /auth/password/reset: the mailed token and the new password (the rules live on the payload). */
export class ResetPasswordDto extends PickType(ResetPasswordPayload, ['token', 'newPassword'] as const) {}
