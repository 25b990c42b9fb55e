import { ApiTags } from '@nestjs/swagger';
import {
  AUTH_RPC_CLIENT,
  AllowWithoutMfa,
  AuthContract,
  AuthPatterns,
  ClientInfoPayload,
  FreshnessGuard,
  RecoveryCodesResult,
  RequireFresh,
  RpcClient,
  TotpSetupResult,
} from '@app/common';
import { Body, Controller, Delete, Header, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import { HttpAuthGuard } from '../auth/http-auth.guard';
import { SessionCommands } from '../auth/session-commands';
import { Auth, Client, RequestAuth } from '../http/gateway-request';
import { SecondFactorCodeDto } from './dto/second-factor-code.dto';
import { TotpConfirmDto } from './dto/totp-confirm.dto';

/**
 * The caller's TOTP and recovery codes under /auth/mfa. Reachable by a user who must still enrol a
 * second factor; the changes need a fresh session (403 REAUTH_REQUIRED), as the auth-service re-checks.
 * Answers hold secrets: never cached.
 */
@ApiTags('mfa')
@Controller('auth/mfa')
@UseGuards(HttpAuthGuard, FreshnessGuard)
@AllowWithoutMfa()
export class MfaController {
  constructor(
    @Inject(AUTH_RPC_CLIENT) private readonly auth: RpcClient<AuthContract>,
    private readonly commands: SessionCommands,
  ) {}

  @Post('totp/setup')
  @HttpCode(200)
  @RequireFresh()
  @Header('Cache-Control', 'no-store')
  setup(@Auth() auth: RequestAuth, @Client() client: ClientInfoPayload): Promise<TotpSetupResult> {
    return this.auth.send(AuthPatterns.TotpSetup, { credential: auth.credential, client });
  }

  @Post('totp/confirm')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  confirm(@Auth() auth: RequestAuth, @Body() dto: TotpConfirmDto, @Client() client: ClientInfoPayload): Promise<RecoveryCodesResult> {
    return this.commands.secondFactorChange(
      auth,
      this.auth.send(AuthPatterns.TotpConfirm, { credential: auth.credential, totp: dto.totp, client }),
    );
  }

  @Delete('totp')
  @HttpCode(204)
  @RequireFresh()
  async disable(@Auth() auth: RequestAuth, @Body() dto: SecondFactorCodeDto, @Client() client: ClientInfoPayload): Promise<void> {
    const payload = { credential: auth.credential, totp: dto.totp, recoveryCode: dto.recoveryCode, client };
    await this.commands.secondFactorChange(auth, this.auth.send(AuthPatterns.TotpDisable, payload));
  }

  @Post('recovery-codes')
  @HttpCode(200)
  @RequireFresh()
  @Header('Cache-Control', 'no-store')
  regenerate(@Auth() auth: RequestAuth, @Client() client: ClientInfoPayload): Promise<RecoveryCodesResult> {
    return this.auth.send(AuthPatterns.RegenerateRecoveryCodes, { credential: auth.credential, client });
  }
}
