import Redis from 'ioredis';
import { connect } from 'nats';
import { transportKind } from './transport-options';

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

/** Fails with instructions when a Redis server cannot be reached (used before a service starts). */
export async function assertRedisReachable(url: string, purpose: string): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 2000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw new Error(
      `Cannot reach Redis (${purpose}) at ${redact(url)}: ${(error as Error).message.replace(/\.$/, '')}.\n` +
        'Start one, for example:  redis-server --daemonize yes --port 6379 --save ""\n' +
        'or with Docker:          docker compose up -d redis',
    );
  } finally {
    client.disconnect();
  }
}

/** Fails with instructions when the message transport named by TRANSPORT_URL cannot be reached. */
export async function assertTransportReachable(url: string): Promise<void> {
  if (transportKind(url) === 'redis') return assertRedisReachable(url, 'TRANSPORT_URL');
  try {
    const connection = await connect({ servers: [`nats://${new URL(url).host}`], timeout: 2000, reconnect: false });
    await connection.close();
  } catch (error) {
    throw new Error(
      `Cannot reach NATS at ${redact(url)}: ${(error as Error).message.replace(/\.$/, '')}.\n` +
        'Start one, for example:  nats-server -a 127.0.0.1 -p 4222   (or: docker compose up -d nats)',
    );
  }
}
