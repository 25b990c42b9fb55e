import { OidcPatterns } from './oidc.patterns';
import {
  OidcAccountPayload,
  OidcAuditPayload,
  OidcGrantPayload,
  OidcLinkGrantPayload,
  OidcStoreKeyPayload,
  OidcStoreUidPayload,
  OidcStoreUpsertPayload,
} from './oidc.payload';
import { OidcAccount, OidcDone, OidcSigningJwks, OidcStoredPayload } from './oidc.results';
import { HealthPayload } from '../system/health';

/** The OpenID Connect provider's messages of AuthContract. */
export interface OidcContract {
  [OidcPatterns.OidcStoreUpsert]: { payload: OidcStoreUpsertPayload; result: OidcDone };
  [OidcPatterns.OidcStoreFind]: { payload: OidcStoreKeyPayload; result: OidcStoredPayload };
  [OidcPatterns.OidcStoreFindByUid]: { payload: OidcStoreUidPayload; result: OidcStoredPayload };
  [OidcPatterns.OidcStoreConsume]: { payload: OidcStoreKeyPayload; result: OidcDone };
  [OidcPatterns.OidcStoreDestroy]: { payload: OidcStoreKeyPayload; result: OidcDone };
  [OidcPatterns.OidcStoreRevokeGrant]: { payload: OidcGrantPayload; result: OidcDone };
  [OidcPatterns.OidcSigningKeys]: { payload: HealthPayload; result: OidcSigningJwks };
  [OidcPatterns.OidcAccount]: { payload: OidcAccountPayload; result: OidcAccount };
  [OidcPatterns.OidcAudit]: { payload: OidcAuditPayload; result: OidcDone };
  [OidcPatterns.OidcLinkGrant]: { payload: OidcLinkGrantPayload; result: OidcDone };
}
