// The public surface of @app/common: what a service imports to speak the contracts and be protected.
export {
  LogFormat,
  loginQueueEnvironmentShape,
  parseEnvironment,
  resolveLogFormat,
  serviceEnvironmentShape,
  sessionCacheEnvironmentShape,
} from './config/environment';
export { ADMIN_RPC_CLIENT, AdminContract, AuthAdminContract } from './contracts/admin/admin.contract';
export { AdminPatterns, AuthAdminPatterns } from './contracts/admin/admin.patterns';
export {
  AUDIT_TYPE_PATTERN,
  ListAuditPayload,
  ListUsersPayload,
  PageQueryPayload,
  ROLE_PATTERN,
  UpdateUserPayload,
  UserActionPayload,
  UserIdPayload,
} from './contracts/admin/admin.payload';
export { AdminUserDetail, AuditEventView, Page, UpdatedUser } from './contracts/admin/admin.results';
export { AUTH_RPC_CLIENT, AuthContract } from './contracts/auth/auth.contract';
export {
  ChangeEmailPayload,
  ForgotPasswordPayload,
  IsAccountToken,
  ResendVerificationForLoginPayload,
  ResendVerificationPayload,
  ResetPasswordPayload,
  VerifyEmailPayload,
} from './contracts/auth/account.payload';
export {
  HasNoControlCharacters,
  IsEmailAddress,
  IsLoginName,
  IsPassword,
  IsRefreshToken,
  IsTotpCode,
  IsUsername,
  PASSWORD_MAX_BYTES,
  PASSWORD_MIN_BYTES,
  TOTP_CODE_PATTERN,
  USERNAME_PATTERN,
} from './contracts/auth/auth.fields';
export { AuthMethod, AuthMethodName, amrAfter } from './contracts/auth/auth-methods';
export { AuthPatterns, BroadcastChannels, RevocationEvent } from './contracts/auth/auth.patterns';
export { PASSWORD_HASHING_PATTERNS, passwordHashingTimeouts } from './contracts/auth/password-hashing-patterns';
export {
  AcceptedResult,
  CallerSession,
  IssuedSession,
  Jwks,
  LoginResult,
  LogoutResult,
  PasswordChangeResult,
  PasswordResetResult,
  PublicUser,
  Reauthentication,
  ResolvedSession,
  RevokedSession,
  RevokedSessions,
  SessionList,
  SessionListItem,
  SessionSummary,
  TokenResult,
  UserMfa,
} from './contracts/auth/auth.results';
export { AuthenticatedPayload, ClientInfoPayload, CredentialPayload } from './contracts/auth/credential.payload';
export { LoginPayload, PasswordGrantPayload, RefreshGrantPayload, RegisterPayload } from './contracts/auth/login.payload';
export {
  ChangePasswordPayload,
  LogoutPayload,
  ReauthenticatePayload,
  RevokeSessionPayload,
  SESSION_ID_PATTERN,
} from './contracts/auth/session.payload';
export { PasskeyContract } from './contracts/auth/passkey.contract';
export { PasskeyPatterns } from './contracts/auth/passkey.patterns';
export {
  AssertionResponsePayload,
  AttestationResponsePayload,
  AuthenticationCredentialPayload,
  PASSKEY_NAME_MAX_LENGTH,
  PasskeyAuthenticationOptionsPayload,
  PasskeyLoginPayload,
  RegisterPasskeyPayload,
  RegistrationCredentialPayload,
  RemovePasskeyPayload,
} from './contracts/auth/passkey.payload';
export {
  AddedPasskey,
  PasskeyAuthenticationOptions,
  PasskeyList,
  PasskeyRegistrationOptions,
  PasskeyView,
  RemovedPasskey,
} from './contracts/auth/passkey.results';
export { OidcContract } from './contracts/auth/oidc.contract';
export { OidcPatterns } from './contracts/auth/oidc.patterns';
export {
  OIDC_AUDIT_TYPES,
  OIDC_MODELS,
  OidcAccountPayload,
  OidcAuditPayload,
  OidcGrantPayload,
  OidcLinkGrantPayload,
  OidcModel,
  OidcStoreKeyPayload,
  OidcStoreUidPayload,
  OidcStoreUpsertPayload,
} from './contracts/auth/oidc.payload';
export { OidcAccount, OidcDone, OidcSigningJwks, OidcStoredPayload } from './contracts/auth/oidc.results';
export { MfaContract } from './contracts/auth/mfa.contract';
export { MfaPatterns } from './contracts/auth/mfa.patterns';
export {
  IsRecoveryCode,
  LoginSecondFactorPayload,
  MFA_TOKEN_PATTERN,
  MfaCommandPayload,
  RECOVERY_CODE_PATTERN,
  SecondFactorCodePayload,
  TotpConfirmPayload,
} from './contracts/auth/mfa.payload';
export {
  LoginOutcome,
  MfaChallenge,
  MfaStatusResult,
  RecoveryCodesResult,
  SecondFactorMethod,
  TotpSetupResult,
  isMfaChallenge,
} from './contracts/auth/mfa.results';
export { MessagePayload } from './contracts/message.payload';
export { HealthPayload, HealthResult } from './contracts/system/health';
export { ALLOW_WITHOUT_MFA_KEY, AllowWithoutMfa } from './auth/allow-without-mfa.decorator';
export { AuthGuard } from './auth/auth.guard';
export { AuthenticatedUser, attachCaller, callerOf, toAuthenticatedUser } from './auth/authenticated-user';
export { CurrentUser } from './auth/current-user.decorator';
export { FreshnessGuard } from './auth/freshness.guard';
export { enforceMfaEnrolment } from './auth/mfa-enrolment';
export { ProtectedServiceModule, ProtectedServiceOptions } from './auth/protected-service.module';
export { REQUIRE_FRESH_KEY, RequireFresh } from './auth/require-fresh.decorator';
export { ROLES_KEY, Roles } from './auth/roles.decorator';
export { RolesGuard } from './auth/roles.guard';
export { Credential, SESSION_RESOLVER_OPTIONS, SessionResolver, SessionResolverOptions } from './auth/session-resolver';
export { constantTimeEquals, generateToken, hashToken } from './crypto/tokens';
export { DEPENDENCY_RETRY_AFTER_SECONDS, dependencyFailure } from './errors/dependency-failure';
export { DomainError, WireError } from './errors/domain-error';
export { ErrorCode } from './errors/error-code';
export { ERROR_HTTP_STATUS, ErrorHttpStatus, httpStatusOf, publicErrorCode } from './errors/error-status';
export { DomainRpcExceptionFilter } from './errors/rpc-exception.filter';
export { assertWellFormedInput, strictValidationPipe, validationMessages } from './errors/validation';
export { LogLevel, StructuredLoggingModule, createServiceLogger } from './logging/structured-logging.module';
export { startMetricsServer } from './metrics/metrics-server';
export { ServiceMetrics } from './metrics/service-metrics';
export { prometheusConventionProblems } from './metrics/prometheus-conventions';
export { BROADCAST_BUS, BroadcastBus, createBroadcastBus } from './transport/broadcast-bus';
export { BroadcastModule } from './transport/broadcast.module';
export { RequestContext } from './transport/request-context';
export { RECEIPT, instrumentMessageHandlers, isReceipt } from './transport/message-handlers';
export type { MessageScope } from './transport/message-handlers';
export { ContractShape, OutgoingPayload, RoundTripObserver, RpcClient } from './transport/rpc-client';
export { RpcClientModule, RpcClientModuleOptions } from './transport/rpc-client.module';
export { assertRedisReachable, assertTransportReachable } from './transport/dependency-check';
export { MicroserviceStart, runService, startMicroservice } from './transport/start-microservice';
export { transportKind, transportOptions } from './transport/transport-options';
export { surviveUnawaitedTransportFailures } from './transport/unawaited-failures';
export { parseTransportUrl, redactTransportUrl, transportHasPassword } from './transport/transport-url';
export type { TransportEndpoints } from './transport/transport-url';
export { createRedisClient, describeRedisConnection, parseRedisEndpoints, redisHasPassword } from './redis/redis-connection';
export type { RedisClient, RedisConnection, RedisEndpoint, RedisTuning } from './redis/redis-connection';
export { SHUTDOWN_DEADLINE_MS, exitCleanlyOnSignals } from './shutdown/graceful-shutdown';

// Input canonical forms and the audit fingerprint of an unknown username (issue 20 items 6 and 8).
export { IsCanonicalEmail } from './contracts/auth/canonical-email.field';
export { USERNAME_FINGERPRINT_KEY_MIN_BYTES, usernameFingerprint } from './crypto/username-fingerprint';
export { EMAIL_MAX_BYTES, canonicalEmail, hasInvisibleOrControlCharacter } from './input/canonical-email';
export { normalizePassword, passwordVerificationForms } from './input/password-normal-form';
export { MAX_INPUT_DEPTH, findMalformedInput, isWellFormedUnicode, malformedInputMessage } from './input/well-formed-input';
export type { MalformedInput } from './input/well-formed-input';
