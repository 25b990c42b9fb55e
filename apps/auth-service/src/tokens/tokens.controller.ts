import { AuthPatterns, HealthPayload, Jwks, PasswordGrantPayload, RefreshGrantPayload, TokenResult } from '@app/common';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { LoginService } from '../sessions/login.service';
import { SigningKeys } from './signing-keys';

/** API clients: the password and refresh grants, and the public keys that verify access tokens. */
@Controller()
export class TokensController {
  constructor(
    private readonly login: LoginService,
    private readonly keys: SigningKeys,
  ) {}

  @MessagePattern(AuthPatterns.PasswordGrant)
  passwordGrant(@Payload() payload: PasswordGrantPayload): Promise<TokenResult> {
    return this.login.passwordGrant(payload);
  }

  @MessagePattern(AuthPatterns.RefreshGrant)
  refreshGrant(@Payload() payload: RefreshGrantPayload): Promise<TokenResult> {
    return this.login.refreshGrant(payload);
  }

  @MessagePattern(AuthPatterns.GetJwks)
  jwks(@Payload() _payload: HealthPayload): Jwks {
    return { keys: this.keys.publicJwks() as unknown as Array<Record<string, unknown>> };
  }
}
