import { LoginSecondFactorPayload } from '@app/common';
import { PickType } from '@nestjs/swagger';

/** POST /auth/login/mfa: the password step's token and one code (the rules live on the payload). */
export class LoginSecondFactorDto extends PickType(LoginSecondFactorPayload, ['mfaToken', 'totp', 'recoveryCode'] as const) {}
