import { ClientOptions, Transport } from '@nestjs/microservices';

/** Which transport a URL names. */
export function transportKind(url: string): 'redis' | 'nats' {
  const protocol = new URL(url).protocol;
  if (protocol === 'redis:' || protocol === 'rediss:') return 'redis';
  if (protocol === 'nats:' || protocol === 'tls:') return 'nats';
  throw new Error(`TRANSPORT_URL must start with redis:// or nats:// (got ${protocol})`);
}

/**
 * Transport options from TRANSPORT_URL, for a server (with its queue group) or a client.
 * Redis: pub/sub request/reply on the Redis the sessions already use. NATS: queue groups, so replicas
 * share requests instead of each answering every one.
 */
export function transportOptions(url: string, queue?: string): ClientOptions {
  const parsed = new URL(url);
  if (transportKind(url) === 'redis') {
    return {
      transport: Transport.REDIS,
      options: {
        host: parsed.hostname || '127.0.0.1',
        port: Number(parsed.port || 6379),
        username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
        password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
        tls: parsed.protocol === 'rediss:' ? {} : undefined,
        retryAttempts: Number.MAX_SAFE_INTEGER,
        retryDelay: 500,
        maxRetriesPerRequest: 1,
        enableOfflineQueue: true,
      },
    } as ClientOptions;
  }
  return {
    transport: Transport.NATS,
    options: {
      servers: [`nats://${parsed.host}`],
      user: parsed.username ? decodeURIComponent(parsed.username) : undefined,
      pass: parsed.password ? decodeURIComponent(parsed.password) : undefined,
      queue,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
    },
  } as ClientOptions;
}
