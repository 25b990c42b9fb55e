import { DomainError, ErrorCode, assertWellFormedInput } from '@app/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parse as parseQueryString } from 'node:querystring';
import { renderError, sendError } from '../errors/http-error.filter';

/** 16 KiB, for every body (Fastify answers a larger one with FST_ERR_CTP_BODY_TOO_LARGE, rendered as a 413). */
export const BODY_LIMIT_BYTES = 16 * 1024;

// application/json and the +json types (application/problem+json and the like): what the gateway has always accepted as JSON.
const JSON_TYPE = /^application\/(?:[^;\s]+\+)?json\s*(?:;|$)/i;
const FORM_TYPE = 'application/x-www-form-urlencoded';
const MAX_FORM_PARAMETERS = 100;
/** Keys that mean something to JavaScript's object model; no contract field is named like them. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Only whitespace may come before the object or array (JSON's "strict" mode: no bare strings or numbers). */
const FIRST_CHARACTER = /^[ \t\n\r]*([^ \t\n\r])/;

const malformed = (): DomainError => new DomainError(ErrorCode.ValidationFailed, 'Malformed request body');
// Fatal: bytes that are not UTF-8 would otherwise become U+FFFD, making many different inputs one. The BOM is
// kept, so a body starting with one is refused as before.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decodeUtf8(body: Buffer): string {
  try {
    return utf8.decode(body);
  } catch {
    throw new DomainError(ErrorCode.ValidationFailed, 'Request body is not valid UTF-8');
  }
}

/** Bodies are UTF-8: a content type naming another charset is refused rather than misread. */
function assertUtf8(request: FastifyRequest): void {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(request.headers['content-type'] ?? '')?.[1];
  if (charset !== undefined && charset.toLowerCase() !== 'utf-8') throw malformed();
}

function parseJson(request: FastifyRequest, raw: Buffer): unknown {
  assertUtf8(request);
  const body = decodeUtf8(raw);
  // An empty body is a common client slip; it reads as "no fields", which validation then judges.
  if (body.length === 0) return {};
  const first = FIRST_CHARACTER.exec(body)?.[1];
  if (first !== '{' && first !== '[') throw malformed();
  let parsed: unknown;
  try {
    parsed = JSON.parse(body) as unknown;
  } catch {
    throw malformed();
  }
  // Bounded before anything recursive (class-transformer, class-validator) sees it: 5,000 levels was a 500.
  assertWellFormedInput(parsed);
  return parsed;
}

function parseForm(request: FastifyRequest, raw: Buffer): Record<string, unknown> {
  assertUtf8(request);
  const body = decodeUtf8(raw);
  if (body.split('&').length > MAX_FORM_PARAMETERS) throw new DomainError(ErrorCode.PayloadTooLarge, 'Too many form fields');
  // A plain object (querystring's has no prototype), with every key an own property.
  // querystring's own decoding turns percent-encoded bytes that are not UTF-8 into U+FFFD (and keeps a
  // malformed escape as text); decodeURIComponent refuses both, and querystring hides the throw, so it is noted.
  let undecodable = false;
  const decode = (text: string): string => {
    try {
      return decodeURIComponent(text);
    } catch {
      undecodable = true;
      return text;
    }
  };
  const form = Object.fromEntries(Object.entries(parseQueryString(body, '&', '=', { decodeURIComponent: decode, maxKeys: 0 })));
  if (undecodable) throw new DomainError(ErrorCode.ValidationFailed, 'Form field is not valid percent-encoded UTF-8');
  assertWellFormedInput(form);
  return form;
}

function hasBody(request: FastifyRequest): boolean {
  return Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
}

function hasPrototypeKey(root: unknown): boolean {
  const pending: unknown[] = [root];
  while (pending.length) {
    const value = pending.pop();
    if (typeof value !== 'object' || value === null) continue;
    for (const key of Object.keys(value)) {
      if (PROTOTYPE_KEYS.has(key)) return true;
      pending.push((value as Record<string, unknown>)[key]);
    }
  }
  return false;
}

/**
 * JSON and form bodies up to 16 KiB, valid UTF-8, at most MAX_INPUT_DEPTH deep, no lone surrogate (a
 * `"\ud800"` escape); JSON must be an object or array. A body in any other content
 * type would be silently dropped (an empty body then validates as "no fields", e.g. a logout), so it
 * is refused outright. Parse failures reach Nest's error handler, hence the JSON error filter.
 */
export function useBodyParsers(fastify: FastifyInstance): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(JSON_TYPE, { parseAs: 'buffer' }, (request, body, done) => {
    try {
      done(null, parseJson(request, body as Buffer));
    } catch (error) {
      done(error as Error);
    }
  });
  fastify.addContentTypeParser(FORM_TYPE, { parseAs: 'buffer' }, (request, body, done) => {
    try {
      done(null, parseForm(request, body as Buffer));
    } catch (error) {
      done(error as Error);
    }
  });
  fastify.addContentTypeParser('*', (request, _payload, done) => {
    if (!hasBody(request)) return done(null, undefined);
    done(new DomainError(ErrorCode.ValidationFailed, 'Unsupported content type: send application/json'));
  });
  // `__proto__`, `constructor` and `prototype` keys, at any depth of the body or query, are a 400 before anything copies them.
  fastify.addHook('preValidation', (request, reply, done) => {
    if (!hasPrototypeKey(request.body) && !hasPrototypeKey(request.query)) return done();
    sendError(reply, renderError(new DomainError(ErrorCode.ValidationFailed, 'Forbidden key in request')));
  });
}
