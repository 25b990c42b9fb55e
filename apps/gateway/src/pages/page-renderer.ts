import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import nunjucks from 'nunjucks';
import { join } from 'node:path';

// Templates are copied next to the compiled code by the build's assets rule (nest-cli.json).
export const VIEWS_DIR = join(__dirname, '..', 'views');

// No script may run at all: the pages work without JavaScript, so an injected <script> has nowhere to go.
const POLICY = [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
];
const CONTENT_SECURITY_POLICY = POLICY.join('; ');

/**
 * The pages with a passkey button load one script, /static/passkeys.js, and it calls this origin's API:
 * scripts and requests from 'self' only, still no inline script. Every other page stays script-free.
 */
const SCRIPTED_TEMPLATES: ReadonlySet<string> = new Set(['login', 'account']);
const SCRIPTED_CONTENT_SECURITY_POLICY = [...POLICY, "script-src 'self'", "connect-src 'self'"].join('; ');

const DATE_TIME = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

function formatDateTime(value: unknown): string {
  if (typeof value !== 'string' || !value) return '—';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? '—' : `${DATE_TIME.format(date)} UTC`;
}

/** Renders the nunjucks templates (autoescaped) and sends them with the pages' security headers. */
@Injectable()
export class PageRenderer {
  private readonly environment: nunjucks.Environment;

  constructor() {
    this.environment = new nunjucks.Environment(new nunjucks.FileSystemLoader(VIEWS_DIR, { noCache: false }), {
      autoescape: true,
      throwOnUndefined: false,
    });
    this.environment.addFilter('datetime', formatDateTime);
  }

  /** A template as HTML, for a page that another component sends (the OpenID Connect provider's). */
  html(template: string, context: Record<string, unknown> = {}): string {
    return this.environment.render(`${template}.njk`, context);
  }

  render(reply: FastifyReply, template: string, status: number, context: Record<string, unknown> = {}): void {
    const html = this.html(template, context);
    reply.header('Content-Security-Policy', SCRIPTED_TEMPLATES.has(template) ? SCRIPTED_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Referrer-Policy', 'same-origin');
    // Pages show who is logged in and carry CSRF tokens: never kept by a shared or back-button cache.
    reply.header('Cache-Control', 'no-store');
    reply.status(status).type('text/html; charset=utf-8').send(html);
  }
}
