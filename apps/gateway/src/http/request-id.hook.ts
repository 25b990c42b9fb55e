import { RequestContext } from '@app/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';

const ACCEPTABLE = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's X-Request-Id if sane, else a fresh one: Fastify's `genReqId`, so it is `request.id`. */
export function requestIdOf(raw: IncomingMessage): string {
  const incoming = raw.headers['x-request-id'];
  return typeof incoming === 'string' && ACCEPTABLE.test(incoming) ? incoming : randomUUID();
}

function enterRequestContext(request: FastifyRequest, _reply: unknown, done: () => void): void {
  if (RequestContext.requestId() === request.id) return done();
  RequestContext.run(request.id, done);
}

/**
 * Every request's id is echoed back and sent along every message. The context is entered when the
 * request arrives (for the access log) and again before the handler: reading a body runs in the
 * socket's async context, which does not carry it.
 */
export function useRequestIds(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('X-Request-Id', request.id);
    RequestContext.run(request.id, done);
  });
  fastify.addHook('preHandler', enterRequestContext);
}
