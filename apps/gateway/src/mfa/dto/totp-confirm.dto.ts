import { TotpConfirmPayload } from '@app/common';
import { PickType } from '@nestjs/swagger';

/** POST /auth/mfa/totp/confirm: the first code of the new secret (the rule lives on the payload). */
export class TotpConfirmDto extends PickType(TotpConfirmPayload, ['totp'] as const) {}
