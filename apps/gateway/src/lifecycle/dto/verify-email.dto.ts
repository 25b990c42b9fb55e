import { VerifyEmailPayload } from '@app/common';
import { PickType } from '@nestjs/swagger';

/** POST /auth/email/verify: the mailed token (the rules live on the payload). */
export class VerifyEmailDto extends PickType(VerifyEmailPayload, ['token'] as const) {}
