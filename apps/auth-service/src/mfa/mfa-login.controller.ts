import { AuthPatterns, LoginResult, LoginSecondFactorPayload } from '@app/common';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { MfaLoginService } from './mfa-login.service';

/** The login's second step: no session yet, only the mfaToken of the password step. */
@Controller()
export class MfaLoginController {
  constructor(private readonly mfaLogin: MfaLoginService) {}

  @MessagePattern(AuthPatterns.LoginSecondFactor)
  complete(@Payload() payload: LoginSecondFactorPayload): Promise<LoginResult> {
    return this.mfaLogin.completeChallenge(payload);
  }
}
