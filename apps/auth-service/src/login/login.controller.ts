import { AuthPatterns, LoginOutcome, LoginPayload, PasswordGrantPayload, RefreshGrantPayload, TokenResult } from '@app/common';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { LoginService } from './login.service';

/** Logging in: with a password for a browser session or a token pair, and with a refresh token. */
@Controller()
export class LoginController {
  constructor(private readonly login: LoginService) {}

  @MessagePattern(AuthPatterns.Login)
  logIn(@Payload() payload: LoginPayload): Promise<LoginOutcome> {
    return this.login.login(payload);
  }

  @MessagePattern(AuthPatterns.PasswordGrant)
  passwordGrant(@Payload() payload: PasswordGrantPayload): Promise<TokenResult> {
    return this.login.passwordGrant(payload);
  }

  @MessagePattern(AuthPatterns.RefreshGrant)
  refreshGrant(@Payload() payload: RefreshGrantPayload): Promise<TokenResult> {
    return this.login.refreshGrant(payload);
  }
}
