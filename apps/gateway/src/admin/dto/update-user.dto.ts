import { UpdateUserPayload } from '@app/common';
import { PickType } from '@nestjs/swagger';

/** PATCH /admin/users/:id: the fields of the update message a client sends (the rules live on the payload). */
export class UpdateUserDto extends PickType(UpdateUserPayload, ['active', 'roles'] as const) {}
