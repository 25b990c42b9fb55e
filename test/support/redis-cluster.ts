import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Cluster } from 'ioredis';
import { EngineProcess, engineDir, freePorts, redisCommand, redisInfo, waitUntil } from './engine-process';

const run = promisify(execFile);

/** [a, b, c, d] as [[a, b], [c, d]]: the name/value (or from/to) pairs of a Redis reply. */
function chunk<T>(items: T[]): Array<[T, T]> {
  return Array.from({ length: items.length / 2 }, (_, i) => [items[2 * i], items[2 * i + 1]]);
}

export interface RedisClusterOptions {
  masters?: number;
  /** Replicas per master (the writes the auth-service confirms with WAIT need at least one). */
  replicas?: number;
  password?: string;
}

/**
 * A Redis Cluster of the test's own: `masters` redis-servers with --cluster-enabled yes (and
 * `replicas` replicas each) on free loopback ports, in a temp dir, joined with
 * `redis-cli --cluster create … --cluster-yes`. `stop` kills them and removes the dir.
 */
export class RedisCluster {
  private constructor(
    readonly ports: number[],
    readonly password: string,
    private readonly nodes: EngineProcess[],
    private readonly dir: { path: string; remove: () => void },
  ) {}

  /** REDIS_CLUSTER_NODES for the services. */
  get nodesEnv(): string {
    return this.ports.map((port) => `127.0.0.1:${port}`).join(',');
  }

  static async start(options: RedisClusterOptions = {}): Promise<RedisCluster> {
    const masters = options.masters ?? 3;
    const total = masters * (1 + (options.replicas ?? 1));
    const password = options.password ?? 'cluster-test-password';
    const dir = engineDir('auth-redis-cluster');
    const allPorts = await freePorts(total * 2);
    const ports = allPorts.slice(0, total);
    const nodes: EngineProcess[] = [];
    const cluster = new RedisCluster(ports, password, nodes, dir);
    try {
      for (let i = 0; i < total; i++) {
        // The cluster bus gets a free port of its own (Redis 7's cluster-port), not port + 10000.
        const [port, busPort] = [ports[i], allPorts[total + i]];
        // prettier-ignore
        const args = ['--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes', '--cluster-port', String(busPort),
          '--cluster-config-file', `nodes-${port}.conf`, '--cluster-node-timeout', '2000', '--dir', dir.path,
          '--save', '', '--appendonly', 'no', '--requirepass', password, '--masterauth', password];
        nodes.push(new EngineProcess(`redis-${port}`, 'redis-server', args, join(dir.path, `redis-${port}.log`)));
        nodes[i].start();
      }
      for (const port of ports)
        await waitUntil(`redis-server on ${port}`, async () => (await redisCommand(port, password, 'PING')) === 'PONG');
      await run(
        'redis-cli',
        [
          '--cluster',
          'create',
          ...ports.map((port) => `127.0.0.1:${port}`),
          '--cluster-replicas',
          String(options.replicas ?? 1),
          '--cluster-yes',
        ],
        {
          env: { ...process.env, REDISCLI_AUTH: password },
        },
      );
      await waitUntil('the cluster to be ok on every node, replicas in sync', () => cluster.healthy(masters), 30_000);
      return cluster;
    } catch (error) {
      await cluster.stop();
      throw error;
    }
  }

  /** The ports of the master serving `key` and of its replica (CLUSTER KEYSLOT and CLUSTER SHARDS). */
  async shardOf(key: string): Promise<{ master: number; replica: number }> {
    const slot = Number(await redisCommand(this.ports[0], this.password, 'CLUSTER', 'KEYSLOT', key));
    const shards = (await redisCommand(this.ports[0], this.password, 'CLUSTER', 'SHARDS')) as unknown[][];
    for (const shard of shards) {
      const fields = Object.fromEntries(chunk(shard)) as { slots: number[]; nodes: unknown[][] };
      if (!chunk(fields.slots).some(([from, to]) => slot >= from && slot <= to)) continue;
      const nodes = fields.nodes.map((node) => Object.fromEntries(chunk(node)) as { port: number; role: string });
      return { master: nodes.find((node) => node.role === 'master')!.port, replica: nodes.find((node) => node.role === 'replica')!.port };
    }
    throw new Error(`no shard serves slot ${slot}`);
  }

  /** The process of the node on `port`. */
  node(port: number): EngineProcess {
    return this.nodes[this.ports.indexOf(port)];
  }

  /** A client of the cluster, for a test's assertions. */
  client(): Cluster {
    return new Cluster(
      this.ports.map((port) => ({ host: '127.0.0.1', port })),
      { redisOptions: { password: this.password } },
    );
  }

  /**
   * Error replies every node has sent since it started, by type (`INFO errorstats`), summed over the
   * nodes: CROSSSLOT would be a command on keys of several hash slots.
   */
  async errorStats(): Promise<Record<string, number>> {
    const totals: Record<string, number> = {};
    for (const [i, port] of this.ports.entries()) {
      if (!this.nodes[i].running) continue;
      for (const [name, value] of Object.entries(await redisInfo(port, this.password, 'errorstats'))) {
        const type = name.replace(/^errorstat_/, '');
        totals[type] = (totals[type] ?? 0) + Number(/count=(\d+)/.exec(value)?.[1] ?? 0);
      }
    }
    return totals;
  }

  async stop(): Promise<void> {
    await Promise.all(this.nodes.map((node) => node.stop()));
    this.dir.remove();
  }

  private async healthy(masters: number): Promise<boolean> {
    for (const port of this.ports) {
      const info = String(await redisCommand(port, this.password, 'CLUSTER', 'INFO'));
      if (!info.includes('cluster_state:ok') || !info.includes(`cluster_size:${masters}`)) return false;
      const replication = await redisInfo(port, this.password, 'replication');
      if (replication.role === 'slave' && replication.master_link_status !== 'up') return false;
    }
    return true;
  }
}
