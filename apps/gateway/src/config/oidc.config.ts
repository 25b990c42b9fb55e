import { z } from 'zod';

const httpUrl = z
  .string()
  .regex(/^https?:\/\/[^\s#]+$/, 'must be an absolute http(s) URL without a fragment')
  .pipe(z.string().url());

/** One relying party of OIDC_CLIENTS, as its administrator writes it. */
const clientSchema = z
  .object({
    client_id: z.string().regex(/^[A-Za-z0-9._~-]{1,128}$/, 'letters, digits, ".", "_", "~" or "-", at most 128'),
    client_secret: z.string().min(32, 'at least 32 characters (npm run secrets makes one)').optional(),
    redirect_uris: z.array(httpUrl).min(1, 'at least one redirect URI'),
    post_logout_redirect_uris: z.array(httpUrl).default([]),
    backchannel_logout_uri: httpUrl.optional(),
    first_party: z.boolean().default(false),
  })
  .strict();

/** A relying party: confidential with a secret (client_secret_basic/post), public without (PKCE S256 required). */
export type OidcClientConfig = z.infer<typeof clientSchema>;

/** OIDC_CLIENTS: a JSON array of clients, each validated, client ids unique; "" or unset: none. */
export const oidcClientsSchema = z
  .string()
  .default('')
  .transform((value, context): unknown => {
    if (!value.trim()) return [];
    try {
      return JSON.parse(value) as unknown;
    } catch {
      context.addIssue({ code: 'custom', message: 'must be a JSON array of clients' });
      return z.NEVER;
    }
  })
  .pipe(z.array(clientSchema))
  .superRefine((clients, context) => {
    const seen = new Set<string>();
    clients.forEach((client, index) => {
      if (seen.has(client.client_id))
        context.addIssue({ code: 'custom', path: [index, 'client_id'], message: `"${client.client_id}" appears twice` });
      seen.add(client.client_id);
    });
  });

/** OIDC_COOKIE_KEYS: comma-separated secrets that sign the provider's cookies (the first signs, the others still verify). */
export const oidcCookieKeysSchema = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .map((key) => key.trim())
      .filter(Boolean),
  )
  .refine((keys) => keys.every((key) => key.length >= 32), 'each key at least 32 characters (npm run secrets makes one)');

/** The provider's settings in GatewayConfig. */
export interface OidcConfig {
  clients: OidcClientConfig[];
  cookieKeys: string[];
}

/** Development only: public, hence refused in production. */
export const DEVELOPMENT_OIDC_COOKIE_KEY = 'development-only-oidc-cookie-key-change-me!';
