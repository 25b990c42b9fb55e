import {
  AllowWithoutMfa,
  AuthPatterns,
  AuthenticatedPayload,
  AuthenticatedUser,
  CurrentUser,
  FreshnessGuard,
  MfaCommandPayload,
  MfaStatusResult,
  ReauthenticatePayload,
  Reauthentication,
  RecoveryCodesResult,
  RequireFresh,
  SecondFactorCodePayload,
  TotpConfirmPayload,
  TotpSetupResult,
} from '@app/common';
import { Controller, UseGuards } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CallerGuard } from '../sessions/caller.guard';
import { ReauthenticationService } from './reauthentication.service';
import { TotpService } from './totp.service';

/**
 * The caller's own second factor and re-authentication. Reachable by a user who must still enrol
 * (this is where they do); the changes need a fresh session (re-checked here, whatever the gateway did).
 * Confirming needs none: its code comes from a secret only a fresh session could set up.
 */
@Controller()
@UseGuards(CallerGuard, FreshnessGuard)
@AllowWithoutMfa()
export class MfaController {
  constructor(
    private readonly totp: TotpService,
    private readonly reauthentication: ReauthenticationService,
  ) {}

  @MessagePattern(AuthPatterns.Reauthenticate)
  reauthenticate(@Payload() payload: ReauthenticatePayload, @CurrentUser() caller: AuthenticatedUser): Promise<Reauthentication> {
    return this.reauthentication.reauthenticate(caller, payload);
  }

  @MessagePattern(AuthPatterns.TotpSetup)
  @RequireFresh()
  setup(@Payload() _payload: MfaCommandPayload, @CurrentUser() caller: AuthenticatedUser): Promise<TotpSetupResult> {
    return this.totp.setup(caller);
  }

  @MessagePattern(AuthPatterns.TotpConfirm)
  confirm(@Payload() payload: TotpConfirmPayload, @CurrentUser() caller: AuthenticatedUser): Promise<RecoveryCodesResult> {
    return this.totp.confirm(caller, payload.totp, payload.client);
  }

  @MessagePattern(AuthPatterns.TotpDisable)
  @RequireFresh()
  async disable(@Payload() payload: SecondFactorCodePayload, @CurrentUser() caller: AuthenticatedUser): Promise<Record<string, never>> {
    await this.totp.disable(caller, payload, payload.client);
    return {};
  }

  @MessagePattern(AuthPatterns.RegenerateRecoveryCodes)
  @RequireFresh()
  regenerate(@Payload() payload: MfaCommandPayload, @CurrentUser() caller: AuthenticatedUser): Promise<RecoveryCodesResult> {
    return this.totp.regenerateRecoveryCodes(caller, payload.client);
  }

  @MessagePattern(AuthPatterns.MfaStatus)
  status(@Payload() _payload: AuthenticatedPayload, @CurrentUser() caller: AuthenticatedUser): Promise<MfaStatusResult> {
    return this.totp.status(caller);
  }
}
