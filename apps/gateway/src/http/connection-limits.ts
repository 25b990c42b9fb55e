import { compile } from '@fastify/proxy-addr';
import type { FastifyInstance } from 'fastify';
import type { Socket } from 'node:net';

/**
 * At most `maxPerClient` open TCP connections per client address (0: no cap): a client holding
 * connections open (slow bodies, idle keep-alives) cannot starve everyone else of sockets. Connections
 * from TRUSTED_PROXIES are not counted: every client behind the proxy would share one budget there
 * (the proxy in front limits its own clients).
 */
export function capConnectionsPerClient(fastify: FastifyInstance, maxPerClient: number, trustedProxies: readonly string[]): void {
  if (maxPerClient <= 0) return;
  const isProxy = trustedProxies.length ? compile([...trustedProxies]) : () => false;
  const open = new Map<string, number>();
  fastify.server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress;
    if (address === undefined || isProxy(address, 0)) return;
    const count = (open.get(address) ?? 0) + 1;
    if (count > maxPerClient) {
      socket.destroy();
      return;
    }
    open.set(address, count);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
}
