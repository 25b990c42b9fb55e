import { ServerNats, ServerRedis } from '@nestjs/microservices';
import { transportKind, transportOptions } from './transport-options';

/** A pattern that cannot be JSON (a name such as `auth.session.resolve`) is its own route. */
function isPlainName(pattern: string): boolean {
  return /^[A-Za-z]/.test(pattern) && pattern !== 'true' && pattern !== 'false' && pattern !== 'null';
}

/**
 * Nest first parses every incoming pattern as JSON (for object patterns) and, for a plain name, pays
 * for a thrown SyntaxError on every message: 3–4 % of a service's CPU in the profile of the admin path.
 * Every pattern here is a plain name (the contracts' constants), so those skip the attempt.
 */
class RedisServer extends ServerRedis {
  protected getRouteFromPattern(pattern: string): string {
    return isPlainName(pattern) ? pattern : super.getRouteFromPattern(pattern);
  }
}

/** The same for NATS subjects. */
class NatsServer extends ServerNats {
  protected getRouteFromPattern(pattern: string): string {
    return isPlainName(pattern) ? pattern : super.getRouteFromPattern(pattern);
  }
}

/** The transport server for TRANSPORT_URL (Redis, or NATS with the service's queue group). */
export function createTransportServer(url: string, queue: string): RedisServer | NatsServer {
  const { options } = transportOptions(url, queue) as { options: object };
  return transportKind(url) === 'redis' ? new RedisServer(options) : new NatsServer(options);
}
