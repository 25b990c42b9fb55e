import { DomainError, ErrorCode } from '@app/common';
import express, { ErrorRequestHandler, RequestHandler } from 'express';
import { renderError, sendError } from '../errors/http-error.filter';

export const BODY_LIMIT = '16kb';

const JSON_TYPES = ['application/json', 'application/*+json'];
const FORM_TYPE = 'application/x-www-form-urlencoded';
/** Keys that mean something to JavaScript's object model; no contract field is named like them. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** JSON and form bodies up to 16 KiB; JSON must be an object or array. */
export function bodyParsers(): RequestHandler[] {
  return [
    express.json({ limit: BODY_LIMIT, strict: true, type: JSON_TYPES }),
    express.urlencoded({ extended: false, limit: BODY_LIMIT, parameterLimit: 100 }),
    refuseUnparsedBodies,
    refusePrototypeKeys,
  ];
}

/**
 * A body in any other content type would be silently dropped (an empty body then validates as
 * "no fields", e.g. a logout), so it is refused outright.
 */
const refuseUnparsedBodies: RequestHandler = (request, response, next) => {
  const length = Number(request.get('content-length') ?? 0);
  const hasBody = length > 0 || request.get('transfer-encoding') !== undefined;
  if (!hasBody || request.is([...JSON_TYPES, FORM_TYPE])) return next();
  sendError(response, renderError(new DomainError(ErrorCode.ValidationFailed, 'Unsupported content type: send application/json')));
};

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

/** `__proto__`, `constructor` and `prototype` keys, at any depth of the body or query, are a 400 before anything copies them. */
const refusePrototypeKeys: RequestHandler = (request, response, next) => {
  if (!hasPrototypeKey(request.body) && !hasPrototypeKey(request.query)) return next();
  sendError(response, renderError(new DomainError(ErrorCode.ValidationFailed, 'Forbidden key in request')));
};

/** Body-parser failures as contract errors (they happen before Nest's filters can see them). */
export const bodyErrorHandler: ErrorRequestHandler = (error: { type?: string; status?: number }, _request, response, next) => {
  if (!error || typeof error !== 'object' || !error.type) return next(error);
  const tooLarge = error.type === 'entity.too.large' || error.status === 413;
  const domain = tooLarge
    ? new DomainError(ErrorCode.PayloadTooLarge, 'Request body is larger than 16 KiB')
    : new DomainError(ErrorCode.ValidationFailed, 'Malformed request body');
  sendError(response, renderError(domain));
};
