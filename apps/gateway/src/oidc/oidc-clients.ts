import type { ClientMetadata } from 'oidc-provider';
import type { OidcClientConfig } from '../config/oidc.config';

/**
 * A configured client as oidc-provider's metadata: authorization code only (with refresh tokens),
 * ID tokens ES256 with auth_time, public clients authenticate with PKCE alone. A back-channel logout
 * URI comes with `sid` required, so the client's ID tokens carry the `sid` its logout tokens name; the
 * tokens themselves are sent by the auth-service when a session ends (queued and retried: oidc-grants),
 * never by the provider (OidcProviderHost turns its own sending off).
 */
export function toClientMetadata(client: OidcClientConfig): ClientMetadata {
  return {
    client_id: client.client_id,
    ...(client.client_secret ? { client_secret: client.client_secret } : { token_endpoint_auth_method: 'none' }),
    redirect_uris: client.redirect_uris,
    post_logout_redirect_uris: client.post_logout_redirect_uris,
    ...(client.backchannel_logout_uri
      ? { backchannel_logout_uri: client.backchannel_logout_uri, backchannel_logout_session_required: true }
      : {}),
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    id_token_signed_response_alg: 'ES256',
    require_auth_time: true,
  };
}

/** The origins a client's browser is sent back to: what a page's CSP `form-action` must allow for that client. */
export function clientOrigins(client: OidcClientConfig | undefined): string[] {
  if (!client) return [];
  return [...new Set([...client.redirect_uris, ...client.post_logout_redirect_uris].map((uri) => new URL(uri).origin))];
}
