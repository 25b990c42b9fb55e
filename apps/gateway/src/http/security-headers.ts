import helmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * The default Content-Security-Policy, for every answer that sets none of its own (JSON, errors,
 * redirects): nothing may load, nothing may frame it. A route with needs of its own sets its own header
 * over this one (the pages: PageRenderer; a page with a script of its own: `script-src 'self'` there).
 */
export const DEFAULT_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Swagger UI at /docs: its own scripts, styles and images, never inside a frame. */
export const DOCS_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const DOCS_PATH = /^\/docs(?:[/?]|$)/;

/**
 * One headers policy for every answer, set by @fastify/helmet when the request arrives (so a 404, a
 * 400 from the body parser and a route's own answer all carry it): nosniff, X-Frame-Options DENY,
 * Referrer-Policy same-origin, the cross-origin isolation headers, HSTS when cookies are Secure, and
 * `Cache-Control: no-store` unless a route allows caching itself (the stylesheet, the JWKS).
 */
export async function useSecurityHeaders(app: NestFastifyApplication, options: { hsts: boolean }): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: options.hsts ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('Content-Security-Policy', DOCS_PATH.test(request.url) ? DOCS_CONTENT_SECURITY_POLICY : DEFAULT_CONTENT_SECURITY_POLICY);
    // Answers carry sessions, users and tokens: no cache keeps one unless its route says otherwise.
    reply.header('Cache-Control', 'no-store');
    done();
  });
}
