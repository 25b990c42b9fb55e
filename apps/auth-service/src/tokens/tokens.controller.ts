import { AuthPatterns, HealthPayload, Jwks } from '@app/common';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { SigningKeys } from './signing-keys';

/** The public keys that verify access tokens (the gateway verifies bearer tokens with them). */
@Controller()
export class TokensController {
  constructor(private readonly keys: SigningKeys) {}

  @MessagePattern(AuthPatterns.GetJwks)
  jwks(@Payload() _payload: HealthPayload): Jwks {
    return { keys: this.keys.publicJwks() as unknown as Array<Record<string, unknown>> };
  }
}
