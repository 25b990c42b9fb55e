import { DomainError, ErrorCode } from '@app/common';
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

/** Bodies are UTF-8: a content type naming another charset is refused rather than misread. */
function assertUtf8(request: FastifyRequest): void {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(request.headers['content-type'] ?? '')?.[1];
  if (charset !== undefined && charset.toLowerCase() !== 'utf-8') throw malformed();
}

function parseJson(request: FastifyRequest, body: string): unknown {
  assertUtf8(request);
  // An empty body is a common client slip; it reads as "no fields", which validation then judges.
  if (body.length === 0) return {};
  const first = FIRST_CHARACTER.exec(body)?.[1];
  if (first !== '{' && first !== '[') throw malformed();
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw malformed();
  }
}

function parseForm(request: FastifyRequest, body: string): Record<string, unknown> {
  assertUtf8(request);
  if (body.split('&').length > MAX_FORM_PARAMETERS) throw new DomainError(ErrorCode.PayloadTooLarge, 'Too many form fields');
  // A plain object (querystring's has no prototype), with every key an own property.
  return Object.fromEntries(Object.entries(parseQueryString(body)));
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
 * JSON and form bodies up to 16 KiB; JSON must be an object or array. A body in any other content
 * type would be silently dropped (an empty body then validates as "no fields", e.g. a logout), so it
 * is refused outright. Parse failures reach Nest's error handler, hence the JSON error filter.
 */
export function useBodyParsers(fastify: FastifyInstance): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(JSON_TYPE, { parseAs: 'string' }, (request, body, done) => {
    try {
      done(null, parseJson(request, body as string));
    } catch (error) {
      done(error as Error);
    }
  });
  fastify.addContentTypeParser(FORM_TYPE, { parseAs: 'string' }, (request, body, done) => {
    try {
      done(null, parseForm(request, body as string));
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
