import { Logger } from '@nestjs/common';
import { RedisClient, createRedisClient } from '../redis/redis-connection';
import { JSONCodec, NatsConnection, connect } from 'nats';
import { transportKind } from './transport-options';
import { natsServers, parseTransportUrl } from './transport-url';

type Handler = (message: unknown) => void;

/** Injection token: the BroadcastBus revocations travel on (provided by BroadcastModule). */
export const BROADCAST_BUS = Symbol('BROADCAST_BUS');

/**
 * Fan-out messages that every replica of every service must hear (revocations). Request/reply uses
 * queue groups on NATS, which deliver to one replica only, so broadcasts take their own subscription.
 */
export interface BroadcastBus {
  publish(channel: string, message: object): Promise<void>;
  subscribe(channel: string, handler: Handler): Promise<void>;
  /**
   * Calls `handler` each time the link comes back after it was lost: whatever was broadcast meanwhile
   * never arrived (NATS and Redis pub/sub keep nothing for an absent subscriber).
   */
  onReconnect(handler: () => void): void;
  close(): Promise<void>;
}

const logger = new Logger('BroadcastBus');

function parse(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

class RedisBroadcastBus implements BroadcastBus {
  private readonly publisher: RedisClient;
  private readonly subscriber: RedisClient;
  private readonly handlers = new Map<string, Handler[]>();
  private readonly reconnectHandlers: Array<() => void> = [];

  constructor(url: string) {
    const options = { maxRetriesPerRequest: 1, retryStrategy: () => 500, lazyConnect: false };
    this.publisher = createRedisClient({ mode: 'standalone', url }, options);
    this.subscriber = createRedisClient({ mode: 'standalone', url }, options);
    for (const connection of [this.publisher, this.subscriber]) {
      connection.on('error', (error: Error) => logger.warn(`broadcast connection: ${error.message}`));
    }
    let connected = false;
    this.subscriber.on('ready', () => {
      if (connected) for (const handler of this.reconnectHandlers) handler();
      connected = true;
    });
    this.subscriber.on('message', (channel: string, raw: string) => {
      const message = parse(raw);
      for (const handler of this.handlers.get(channel) ?? []) handler(message);
    });
  }

  async publish(channel: string, message: object): Promise<void> {
    await this.publisher.publish(channel, JSON.stringify(message));
  }

  async subscribe(channel: string, handler: Handler): Promise<void> {
    const existing = this.handlers.get(channel);
    if (existing) existing.push(handler);
    else this.handlers.set(channel, [handler]);
    // ioredis re-subscribes by itself after a reconnect.
    if (!existing) await this.subscriber.subscribe(channel);
  }

  onReconnect(handler: () => void): void {
    this.reconnectHandlers.push(handler);
  }

  async close(): Promise<void> {
    this.publisher.disconnect();
    this.subscriber.disconnect();
  }
}

class NatsBroadcastBus implements BroadcastBus {
  private readonly codec = JSONCodec<unknown>();
  private readonly connection: Promise<NatsConnection>;
  private readonly reconnectHandlers: Array<() => void> = [];

  constructor(url: string) {
    const endpoints = parseTransportUrl(url);
    // nats.js moves to another server of the list when its own goes, and subscribes again there.
    this.connection = connect({
      servers: natsServers(endpoints),
      user: endpoints.username,
      pass: endpoints.password,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
    });
    this.connection.then(
      (connection) => void this.watch(connection),
      (error: Error) => logger.error(`broadcast connection: ${error.message}`),
    );
  }

  onReconnect(handler: () => void): void {
    this.reconnectHandlers.push(handler);
  }

  /** nats.js subscribes again by itself on the server it reconnects to; the handlers hear that it did. */
  private async watch(connection: NatsConnection): Promise<void> {
    for await (const status of connection.status()) {
      if (status.type === 'reconnect') for (const handler of this.reconnectHandlers) handler();
    }
  }

  async publish(channel: string, message: object): Promise<void> {
    (await this.connection).publish(channel, this.codec.encode(message));
  }

  async subscribe(channel: string, handler: Handler): Promise<void> {
    (await this.connection).subscribe(channel, {
      callback: (error, message) => {
        if (!error) handler(this.codec.decode(message.data));
      },
    });
  }

  async close(): Promise<void> {
    const connection = await this.connection.catch(() => undefined);
    await connection?.drain().catch(() => undefined);
  }
}

/** The bus for TRANSPORT_URL: Redis pub/sub or plain (queue-less) NATS subjects. */
export function createBroadcastBus(url: string): BroadcastBus {
  return transportKind(url) === 'redis' ? new RedisBroadcastBus(url) : new NatsBroadcastBus(url);
}
