import { ClientOptions, Transport } from '@nestjs/microservices';
import { parseTransportUrl, natsServers } from './transport-url';

/** Which transport a URL names. */
export function transportKind(url: string): 'redis' | 'nats' {
  try {
    return parseTransportUrl(url).kind;
  } catch (error) {
    throw new Error(`TRANSPORT_URL ${(error as Error).message}`);
  }
}

/**
 * Transport options from TRANSPORT_URL, for a server (with its queue group) or a client.
 * Redis: pub/sub request/reply on the Redis the sessions already use. NATS: queue groups, so replicas
 * share requests instead of each answering every one; with several servers (a cluster) a connection
 * that loses its server moves to another.
 */
export function transportOptions(url: string, queue?: string): ClientOptions {
  const endpoints = parseTransportUrl(url);
  if (endpoints.kind === 'redis') {
    const [server] = endpoints.servers;
    return {
      transport: Transport.REDIS,
      options: {
        host: server.host,
        port: server.port,
        username: endpoints.username,
        password: endpoints.password,
        tls: endpoints.tls ? {} : undefined,
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
      servers: natsServers(endpoints),
      user: endpoints.username,
      pass: endpoints.password,
      queue,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
    },
  } as ClientOptions;
}
