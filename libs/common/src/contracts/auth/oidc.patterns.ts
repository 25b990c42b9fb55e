/** The OpenID Connect provider's messages (issue 19), part of AuthPatterns: its storage, keys, accounts and audit. */
export const OidcPatterns = {
  /** The provider's adapter: one model instance (grant, code, token, session, interaction) stored with a TTL. */
  OidcStoreUpsert: 'auth.oidc.store.upsert',
  OidcStoreFind: 'auth.oidc.store.find',
  OidcStoreFindByUid: 'auth.oidc.store.find-by-uid',
  OidcStoreConsume: 'auth.oidc.store.consume',
  OidcStoreDestroy: 'auth.oidc.store.destroy',
  /** Everything issued under one grant (a reused code, a revoked grant). */
  OidcStoreRevokeGrant: 'auth.oidc.store.revoke-grant',
  /** The private signing keys (the same ES256 keys as the access tokens; the first one signs). */
  OidcSigningKeys: 'auth.oidc.signing-keys',
  /** The claims source of a user: the public user, or null when it is gone or disabled. */
  OidcAccount: 'auth.oidc.account',
  /** Records oidc.consent_granted, oidc.token_issued, oidc.logout. */
  OidcAudit: 'auth.oidc.audit',
  /** Ties a grant to the gateway session it was made through, so that ending the session ends the grant. */
  OidcLinkGrant: 'auth.oidc.grant.link',
} as const;
