import { AuthenticatedPayload } from './credential.payload';
import { LoginResult } from './auth.results';
import { MfaPatterns } from './mfa.patterns';
import { LoginSecondFactorPayload, MfaCommandPayload, SecondFactorCodePayload, TotpConfirmPayload } from './mfa.payload';
import { MfaStatusResult, RecoveryCodesResult, TotpSetupResult } from './mfa.results';

/** The auth-service's second-factor messages (part of AuthContract). */
export interface MfaContract {
  [MfaPatterns.LoginSecondFactor]: { payload: LoginSecondFactorPayload; result: LoginResult };
  [MfaPatterns.TotpSetup]: { payload: MfaCommandPayload; result: TotpSetupResult };
  [MfaPatterns.TotpConfirm]: { payload: TotpConfirmPayload; result: RecoveryCodesResult };
  [MfaPatterns.TotpDisable]: { payload: SecondFactorCodePayload; result: Record<string, never> };
  [MfaPatterns.RegenerateRecoveryCodes]: { payload: MfaCommandPayload; result: RecoveryCodesResult };
  [MfaPatterns.MfaStatus]: { payload: AuthenticatedPayload; result: MfaStatusResult };
}
