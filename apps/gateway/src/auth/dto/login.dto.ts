import { LoginPayload } from '@app/common';
import { PickType } from '@nestjs/swagger';

/** POST /auth/login: the fields of the login message a client sends (the rules live on the payload). */
export class LoginDto extends PickType(LoginPayload, ['username', 'password', 'remember'] as const) {}
