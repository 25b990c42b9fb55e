import { SecondFactorCodePayload } from '@app/common';
import { PickType } from '@nestjs/swagger';

/** DELETE /auth/mfa/totp: a TOTP code or a recovery code (the rules live on the payload). */
export class SecondFactorCodeDto extends PickType(SecondFactorCodePayload, ['totp', 'recoveryCode'] as const) {}
