import { DomainError, ErrorCode } from '@app/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { renderError, sendError } from '../errors/http-error.filter';

/**
 * Health checks and the Prometheus scrape reach the gateway by whatever name the platform uses
 * (`127.0.0.1`, `gateway:3000`); they carry no cookie and change nothing a rebinding page could use.
 */
const OPERATIONAL_PATHS = /^\/(?:health\/(?:live|ready)|metrics)\/?(?:\?|$)/;
const HOST_WITH_PORT = /^(\[[0-9A-Fa-f:.]+\]|[^:[\]]+)(?::\d{1,5})?$/;

/** The host name of a Host header or ALLOWED_HOSTS entry, lower case and without its port (`[::1]` keeps its brackets). */
export function hostnameOf(host: string): string | undefined {
  return HOST_WITH_PORT.exec(host.trim())?.[1].toLowerCase();
}

/** How many Host headers the request carried (Node keeps the first of several and drops the others silently). */
function hostHeaderCount(request: FastifyRequest): number {
  const raw = request.raw.rawHeaders;
  let count = 0;
  for (let index = 0; index < raw.length; index += 2) if (raw[index].toLowerCase() === 'host') count += 1;
  return count;
}

function refusal(request: FastifyRequest, allowedHosts: ReadonlySet<string>): string | undefined {
  if (hostHeaderCount(request) > 1) return 'Repeated Host header';
  const host = hostnameOf(request.headers.host ?? '');
  return host !== undefined && allowedHosts.has(host) ? undefined : 'Unknown Host';
}

/**
 * Answers only for the host names it serves (ALLOWED_HOSTS), before routing: a DNS-rebinding page on
 * evil.example reaching this gateway, or a request with two Host headers that a proxy and the gateway
 * could read differently, is a 400.
 */
export function useHostPolicy(fastify: FastifyInstance, allowedHosts: readonly string[]): void {
  const allowed = new Set(allowedHosts);
  fastify.addHook('onRequest', (request, reply, done) => {
    const refused = OPERATIONAL_PATHS.test(request.url) ? undefined : refusal(request, allowed);
    if (refused === undefined) return done();
    sendError(reply, renderError(new DomainError(ErrorCode.ValidationFailed, refused)));
  });
}
