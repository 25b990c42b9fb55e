/** What TRANSPORT_URL names: the transport, its servers (host:port) and the credentials they share. */
export interface TransportEndpoints {
  kind: 'redis' | 'nats';
  /** Each server, in the order given (NATS: members of a cluster; Redis: exactly one). */
  servers: Array<{ host: string; port: number }>;
  username?: string;
  password?: string;
  /** `rediss:` (Redis over TLS). */
  tls: boolean;
}

const KINDS: Record<string, TransportEndpoints['kind'] | undefined> = {
  'redis:': 'redis',
  'rediss:': 'redis',
  'nats:': 'nats',
  'tls:': 'nats',
};
const DEFAULT_PORTS = { redis: 6379, nats: 4222 };

function parseOne(value: string): URL {
  try {
    return new URL(value);
  } catch {
    throw new Error(`"${value.replace(/\/\/[^@/]*@/, '//***@')}" is not a URL`);
  }
}

/**
 * Parses TRANSPORT_URL: `redis://[user:password@]host:port` (one server), or one or more NATS servers,
 * comma-separated (`nats://[user:password@]a:4222,nats://b:4222`), which must agree on the credentials
 * (given once or on every server). Throws an error naming what is wrong.
 */
export function parseTransportUrl(value: string): TransportEndpoints {
  const urls = value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map(parseOne);
  if (urls.length === 0) throw new Error('names no server');
  const unknown = urls.find((url) => !KINDS[url.protocol]);
  if (unknown) throw new Error(`must start with redis:// or nats:// (got ${unknown.protocol})`);
  const kinds = new Set(urls.map((url) => KINDS[url.protocol]));
  if (kinds.size > 1) throw new Error('mixes Redis and NATS servers');
  const kind = KINDS[urls[0].protocol]!;
  if (kind === 'redis' && urls.length > 1) throw new Error('the Redis transport takes one server (several servers: use a NATS cluster)');
  const credentials = new Set(urls.filter((url) => url.username || url.password).map((url) => `${url.username}:${url.password}`));
  if (credentials.size > 1) throw new Error('its servers carry different credentials');
  const withCredentials = urls.find((url) => url.username || url.password);
  return {
    kind,
    servers: urls.map((url) => ({
      host: url.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1',
      port: Number(url.port || DEFAULT_PORTS[kind]),
    })),
    username: withCredentials?.username ? decodeURIComponent(withCredentials.username) : undefined,
    password: withCredentials?.password ? decodeURIComponent(withCredentials.password) : undefined,
    tls: urls[0].protocol === 'rediss:',
  };
}

/** The `nats://host:port` list nats.js takes (credentials go in its options, not in each URL). */
export function natsServers(endpoints: TransportEndpoints): string[] {
  return endpoints.servers.map(({ host, port }) => `nats://${host.includes(':') ? `[${host}]` : host}:${port}`);
}

/** Whether the servers are reached with a password (required in production). */
export function transportHasPassword(value: string): boolean {
  return parseTransportUrl(value).password !== undefined;
}

/** TRANSPORT_URL without its password, for messages. */
export function redactTransportUrl(value: string): string {
  return value.replace(/\/\/([^:@/]*):[^@/]*@/g, '//$1:***@');
}
