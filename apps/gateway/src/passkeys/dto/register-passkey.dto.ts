import { RegisterPasskeyPayload } from '@app/common';
import { PickType } from '@nestjs/swagger';

/** POST /auth/passkeys/registration: the browser's RegistrationResponseJSON and an optional name (the rules live on the payload). */
export class RegisterPasskeyDto extends PickType(RegisterPasskeyPayload, ['response', 'name'] as const) {}
