import { PasskeyLoginPayload } from '@app/common';
import { PickType } from '@nestjs/swagger';

/** POST /auth/passkeys/authentication: the browser's AuthenticationResponseJSON (the rules live on the payload). */
export class PasskeyLoginDto extends PickType(PasskeyLoginPayload, ['response', 'remember'] as const) {}
