import { ForgotPasswordPayload } from '@app/common';
import { PickType } from '@nestjs/swagger';

/** POST /auth/password/forgot: `{email}` or `{username}` (the rules live on the payload). */
export class ForgotPasswordDto extends PickType(ForgotPasswordPayload, ['email', 'username'] as const) {}
