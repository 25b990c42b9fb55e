import { RedisConnection, createRedisClient, describeRedisConnection } from '../redis/redis-connection';
import { connect } from 'nats';
import { transportKind } from './transport-options';
import { natsServers, parseTransportUrl, redactTransportUrl } from './transport-url';

/** Fails with instructions when a Redis (one server, the Sentinel's master or a Cluster) cannot be reached (used before a service starts). */
export async function assertRedisReachable(target: string | RedisConnection, purpose: string): Promise<void> {
  const connection: RedisConnection = typeof target === 'string' ? { mode: 'standalone', url: target } : target;
  const client = createRedisClient(connection, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    sentinelRetryStrategy: () => null,
    connectTimeout: 2000,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw new Error(
      `Cannot reach Redis (${purpose}) at ${describeRedisConnection(connection)}: ${(error as Error).message.replace(/\.$/, '')}.\n` +
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
    const endpoints = parseTransportUrl(url);
    const connection = await connect({
      servers: natsServers(endpoints),
      timeout: 2000,
      reconnect: false,
      user: endpoints.username,
      pass: endpoints.password,
    });
    await connection.close();
  } catch (error) {
    throw new Error(
      `Cannot reach NATS at ${redactTransportUrl(url)}: ${(error as Error).message.replace(/\.$/, '')}.\n` +
        'Start one, for example:  nats-server -a 127.0.0.1 -p 4222   (or: docker compose up -d nats)',
    );
  }
}
