import type { OidcModel } from '@app/common';

/** The models oidc-provider files under a grant: ending the grant deletes them. */
export const GRANTABLE_MODELS: ReadonlySet<OidcModel> = new Set([
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'DeviceCode',
  'BackchannelAuthenticationRequest',
]);

/**
 * The provider's keys, under a prefix of their own. Each command touches one key (a Cluster may put
 * them on different nodes): a model instance (a hash: `payload`, `consumed`), the uid index of
 * sessions, a grant's set of keys, the grants made through one gateway session or for one user
 * (hashes: grant id → the link's record), the gateway sessions with grants scored by when each is
 * next checked for expiry, and the queue of back-channel logout tokens scored by when each is due.
 */
export const oidcKeys = {
  model: (prefix: string, model: OidcModel, id: string): string => `${prefix}oidc:${model}:${id}`,
  uid: (prefix: string, model: OidcModel, uid: string): string => `${prefix}oidc:${model}:uid:${uid}`,
  grant: (prefix: string, grantId: string): string => `${prefix}oidc:grant:${grantId}`,
  sessionGrants: (prefix: string, sessionId: string): string => `${prefix}oidc:session-grants:${sessionId}`,
  userGrants: (prefix: string, userId: string): string => `${prefix}oidc:user-grants:${userId}`,
  sessionWatch: (prefix: string): string => `${prefix}oidc:session-watch`,
  backchannelQueue: (prefix: string): string => `${prefix}oidc:backchannel`,
};
