import { RegisterPayload } from '@app/common';
import { PickType } from '@nestjs/swagger';

/** POST /auth/register: the fields of the register message a client sends (the rules live on the payload). */
export class RegisterDto extends PickType(RegisterPayload, ['username', 'password', 'email'] as const) {}
