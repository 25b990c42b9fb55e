import { DomainError, ErrorCode } from '@app/common';
import express, { ErrorRequestHandler, RequestHandler } from 'express';
import { renderError, sendError } from '../errors/http-error.filter';

export const BODY_LIMIT = '16kb';

/** JSON and form bodies up to 16 KiB; JSON must be an object or array. */
export function bodyParsers(): RequestHandler[] {
  return [
    express.json({ limit: BODY_LIMIT, strict: true, type: ['application/json', 'application/*+json'] }),
    express.urlencoded({ extended: false, limit: BODY_LIMIT, parameterLimit: 100 }),
  ];
}

/** Body-parser failures as contract errors (they happen before Nest's filters can see them). */
export const bodyErrorHandler: ErrorRequestHandler = (error: { type?: string; status?: number }, _request, response, next) => {
  if (!error || typeof error !== 'object' || !error.type) return next(error);
  const tooLarge = error.type === 'entity.too.large' || error.status === 413;
  const domain = tooLarge
    ? new DomainError(ErrorCode.PayloadTooLarge, 'Request body is larger than 16 KiB')
    : new DomainError(ErrorCode.ValidationFailed, 'Malformed request body');
  sendError(response, renderError(domain));
};
