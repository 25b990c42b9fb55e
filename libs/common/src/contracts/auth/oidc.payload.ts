import { IsDefined, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { MessagePayload } from '../message.payload';
import { SESSION_ID_PATTERN } from './session.payload';

/** The oidc-provider models this system stores (authorization code flow, refresh tokens, sessions, interactions). */
export const OIDC_MODELS = [
  'Session',
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'ClientCredentials',
  'Interaction',
  'ReplayDetection',
  'PushedAuthorizationRequest',
  'Grant',
  'BackchannelAuthenticationRequest',
  'DeviceCode',
] as const;

/** One of OIDC_MODELS. */
export type OidcModel = (typeof OIDC_MODELS)[number];

/** The provider's ids and uids: random URL-safe strings (some are JWT ids or hashes), never spaces or control characters. */
const OIDC_ID = /^[A-Za-z0-9._~:-]{1,512}$/;

/** Names a stored model instance. */
export class OidcStoreKeyPayload extends MessagePayload {
  @IsIn(OIDC_MODELS)
  model!: OidcModel;

  @IsString()
  @Matches(OIDC_ID, { message: '$property must be a provider id' })
  id!: string;
}

/** A model instance to store: the provider's JSON payload, kept `expiresIn` seconds. */
export class OidcStoreUpsertPayload extends OidcStoreKeyPayload {
  @IsDefined()
  @IsObject()
  payload!: Record<string, unknown>;

  @IsInt()
  @Min(1)
  @Max(400 * 24 * 60 * 60)
  expiresIn!: number;
}

/** A Session looked up by its uid. */
export class OidcStoreUidPayload extends MessagePayload {
  @IsIn(OIDC_MODELS)
  model!: OidcModel;

  @IsString()
  @Matches(OIDC_ID, { message: '$property must be a provider id' })
  uid!: string;
}

/** Everything issued under one grant. */
export class OidcGrantPayload extends MessagePayload {
  @IsString()
  @Matches(OIDC_ID, { message: '$property must be a provider id' })
  grantId!: string;
}

/** A user whose claims the provider needs. */
export class OidcAccountPayload extends MessagePayload {
  @IsUUID()
  userId!: string;
}

/** The audit events of the provider. */
export const OIDC_AUDIT_TYPES = ['oidc.consent_granted', 'oidc.token_issued', 'oidc.logout'] as const;

/** One provider event for the audit log: who, which client, and a little detail (never a token). */
export class OidcAuditPayload extends MessagePayload {
  @IsIn(OIDC_AUDIT_TYPES)
  type!: (typeof OIDC_AUDIT_TYPES)[number];

  @IsOptional()
  @IsUUID()
  userId?: string;

  @IsString()
  @MaxLength(128)
  @Matches(/^[\x21-\x7e]+$/, { message: '$property must be printable ASCII' })
  clientId!: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  ip?: string;

  @IsOptional()
  @IsObject()
  detail?: Record<string, unknown>;
}

/** A grant made through a gateway session, and where its client hears of a logout. */
export class OidcLinkGrantPayload extends OidcGrantPayload {
  @IsString()
  @Matches(SESSION_ID_PATTERN, { message: '$property must be a session id' })
  sessionId!: string;

  @IsUUID()
  userId!: string;

  @IsString()
  @MaxLength(128)
  @Matches(/^[\x21-\x7e]+$/, { message: '$property must be printable ASCII' })
  clientId!: string;

  @IsOptional()
  @IsString()
  @MaxLength(2048)
  @Matches(/^https?:\/\/\S+$/, { message: '$property must be an http(s) URL' })
  backchannelLogoutUri?: string;

  @IsOptional()
  @IsString()
  @Matches(OIDC_ID, { message: '$property must be a provider id' })
  oidcSessionId?: string;
}
