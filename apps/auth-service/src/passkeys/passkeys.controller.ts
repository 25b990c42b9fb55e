import {
  AddedPasskey,
  AllowWithoutMfa,
  AuthPatterns,
  AuthenticatedPayload,
  AuthenticatedUser,
  CurrentUser,
  FreshnessGuard,
  LoginResult,
  PasskeyAuthenticationOptions,
  PasskeyAuthenticationOptionsPayload,
  PasskeyList,
  PasskeyLoginPayload,
  PasskeyRegistrationOptions,
  RegisterPasskeyPayload,
  RemovePasskeyPayload,
  RemovedPasskey,
  RequireFresh,
} from '@app/common';
import { Controller, UseGuards } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CallerGuard } from '../sessions/caller.guard';
import { PasskeyLoginService } from './passkey-login.service';
import { PasskeysService } from './passkeys.service';

/**
 * Passkeys: the caller's own (CallerGuard re-checks the credential; adding and removing need a fresh
 * session, and a user who must enrol a second factor may add one), and signing in with one.
 */
@Controller()
export class PasskeysController {
  constructor(
    private readonly passkeys: PasskeysService,
    private readonly passkeyLogin: PasskeyLoginService,
  ) {}

  @MessagePattern(AuthPatterns.PasskeyRegistrationOptions)
  @UseGuards(CallerGuard, FreshnessGuard)
  @RequireFresh()
  @AllowWithoutMfa()
  registrationOptions(
    @Payload() _payload: AuthenticatedPayload,
    @CurrentUser() caller: AuthenticatedUser,
  ): Promise<PasskeyRegistrationOptions> {
    return this.passkeys.registrationOptions(caller);
  }

  /** Not @RequireFresh(): its challenge was issued to a fresh session, and only that session can answer it. */
  @MessagePattern(AuthPatterns.PasskeyRegister)
  @UseGuards(CallerGuard)
  @AllowWithoutMfa()
  register(@Payload() payload: RegisterPasskeyPayload, @CurrentUser() caller: AuthenticatedUser): Promise<AddedPasskey> {
    return this.passkeys.register(caller, payload);
  }

  @MessagePattern(AuthPatterns.ListPasskeys)
  @UseGuards(CallerGuard)
  @AllowWithoutMfa()
  async list(@Payload() _payload: AuthenticatedPayload, @CurrentUser() caller: AuthenticatedUser): Promise<PasskeyList> {
    return { items: await this.passkeys.list(caller.id) };
  }

  @MessagePattern(AuthPatterns.RemovePasskey)
  @UseGuards(CallerGuard, FreshnessGuard)
  @RequireFresh()
  async remove(@Payload() payload: RemovePasskeyPayload, @CurrentUser() caller: AuthenticatedUser): Promise<RemovedPasskey> {
    await this.passkeys.remove(caller, payload.passkeyId, payload.client.ip);
    return { removedPasskeyId: payload.passkeyId };
  }

  @MessagePattern(AuthPatterns.PasskeyAuthenticationOptions)
  authenticationOptions(@Payload() payload: PasskeyAuthenticationOptionsPayload): Promise<PasskeyAuthenticationOptions> {
    return this.passkeyLogin.options(payload);
  }

  @MessagePattern(AuthPatterns.PasskeyLogin)
  logIn(@Payload() payload: PasskeyLoginPayload): Promise<LoginResult> {
    return this.passkeyLogin.login(payload);
  }
}
