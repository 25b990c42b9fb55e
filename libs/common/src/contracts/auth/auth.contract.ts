import { AuthAdminContract } from '../admin/admin.contract';
import { HealthPayload, HealthResult } from '../system/health';
import { AuthPatterns } from './auth.patterns';
import { PasskeyContract } from './passkey.contract';
import {
  ChangeEmailPayload,
  ForgotPasswordPayload,
  ResendVerificationForLoginPayload,
  ResendVerificationPayload,
  ResetPasswordPayload,
  VerifyEmailPayload,
} from './account.payload';
import {
  AcceptedResult,
  Jwks,
  LogoutResult,
  PasswordChangeResult,
  PasswordResetResult,
  PublicUser,
  Reauthentication,
  ResolvedSession,
  RevokedSession,
  RevokedSessions,
  SessionList,
  TokenResult,
} from './auth.results';
import { AuthenticatedPayload } from './credential.payload';
import { LoginPayload, PasswordGrantPayload, RefreshGrantPayload, RegisterPayload } from './login.payload';
import { MfaContract } from './mfa.contract';
import { OidcContract } from './oidc.contract';
import { LoginOutcome } from './mfa.results';
import { ChangePasswordPayload, LogoutPayload, ReauthenticatePayload, RevokeSessionPayload } from './session.payload';

/** Pattern → payload and reply of every auth-service message (its admin commands are in AuthAdminContract): what `RpcClient<AuthContract>` is typed from. */
export interface AuthContract extends AuthAdminContract, PasskeyContract, MfaContract, OidcContract {
  [AuthPatterns.Register]: { payload: RegisterPayload; result: PublicUser };
  [AuthPatterns.Login]: { payload: LoginPayload; result: LoginOutcome };
  [AuthPatterns.Logout]: { payload: LogoutPayload; result: LogoutResult };
  [AuthPatterns.ResolveSession]: { payload: AuthenticatedPayload; result: ResolvedSession | null };
  [AuthPatterns.ListSessions]: { payload: AuthenticatedPayload; result: SessionList };
  [AuthPatterns.RevokeSession]: { payload: RevokeSessionPayload; result: RevokedSession };
  [AuthPatterns.RevokeOtherSessions]: { payload: AuthenticatedPayload; result: RevokedSessions };
  [AuthPatterns.ChangePassword]: { payload: ChangePasswordPayload; result: PasswordChangeResult };
  [AuthPatterns.Reauthenticate]: { payload: ReauthenticatePayload; result: Reauthentication };
  [AuthPatterns.ForgotPassword]: { payload: ForgotPasswordPayload; result: AcceptedResult };
  [AuthPatterns.ResetPassword]: { payload: ResetPasswordPayload; result: PasswordResetResult };
  [AuthPatterns.VerifyEmail]: { payload: VerifyEmailPayload; result: PublicUser };
  [AuthPatterns.ResendVerification]: { payload: ResendVerificationPayload; result: AcceptedResult };
  [AuthPatterns.ResendVerificationForLogin]: { payload: ResendVerificationForLoginPayload; result: AcceptedResult };
  [AuthPatterns.ChangeEmail]: { payload: ChangeEmailPayload; result: PublicUser };
  [AuthPatterns.PasswordGrant]: { payload: PasswordGrantPayload; result: TokenResult };
  [AuthPatterns.RefreshGrant]: { payload: RefreshGrantPayload; result: TokenResult };
  [AuthPatterns.GetJwks]: { payload: HealthPayload; result: Jwks };
  [AuthPatterns.Health]: { payload: HealthPayload; result: HealthResult };
}

/** Injection token of the `RpcClient<AuthContract>` (provided by ProtectedServiceModule): `@Inject(AUTH_RPC_CLIENT)`. */
export const AUTH_RPC_CLIENT = Symbol('AUTH_RPC_CLIENT');
