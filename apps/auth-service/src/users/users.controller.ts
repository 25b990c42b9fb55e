import { AuthPatterns, PublicUser, RegisterPayload } from '@app/common';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { UsersService } from './users.service';

/** Sign-up. */
@Controller()
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @MessagePattern(AuthPatterns.Register)
  register(@Payload() payload: RegisterPayload): Promise<PublicUser> {
    return this.users.register(payload);
  }
}
