import type { FastifyInstance } from 'fastify';

const IDLE_SWEEP_MS = 50;

/**
 * While the server drains, a keep-alive connection whose last request just finished is closed at
 * once: otherwise it would hold `close()` open until the client or the keep-alive timeout let go.
 */
export function closeIdleConnectionsWhileDraining(fastify: FastifyInstance): void {
  fastify.addHook('preClose', (done) => {
    const sweep = setInterval(() => fastify.server.closeIdleConnections(), IDLE_SWEEP_MS);
    sweep.unref();
    fastify.server.once('close', () => clearInterval(sweep));
    done();
  });
}
