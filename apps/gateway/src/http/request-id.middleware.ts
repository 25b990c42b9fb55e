import { RequestContext } from '@app/common';
import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';

const ACCEPTABLE = /^[A-Za-z0-9._:-]{1,128}$/;

/** Gives every request an id (the caller's X-Request-Id if sane), echoed back and sent along every message. */
export function requestIdMiddleware(request: Request, response: Response, next: NextFunction): void {
  const incoming = request.get('x-request-id');
  const requestId = incoming && ACCEPTABLE.test(incoming) ? incoming : randomUUID();
  response.setHeader('X-Request-Id', requestId);
  RequestContext.run(requestId, next);
}
