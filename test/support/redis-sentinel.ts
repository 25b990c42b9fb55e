import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Redis from 'ioredis';
import { EngineProcess, engineDir, freePorts, redisCommand, redisInfo, waitUntil } from './engine-process';

export const SENTINEL_MASTER_NAME = 'mymaster';

/**
 * Redis with Sentinel, of the test's own: one master, one replica and three sentinels (quorum 2,
 * down-after-milliseconds 1000) on free loopback ports, in a temp dir. The data nodes need a password.
 * `stop` kills every process and removes the dir.
 */
export class RedisSentinel {
  private constructor(
    /** The data nodes: [0] starts as the master, [1] as its replica. */
    readonly dataPorts: number[],
    readonly sentinelPorts: number[],
    readonly password: string,
    private readonly data: EngineProcess[],
    private readonly sentinels: EngineProcess[],
    private readonly dir: { path: string; remove: () => void },
  ) {}

  /** REDIS_SENTINELS for the services. */
  get sentinelsEnv(): string {
    return this.sentinelPorts.map((port) => `127.0.0.1:${port}`).join(',');
  }

  static async start(password = 'sentinel-test-password'): Promise<RedisSentinel> {
    const dir = engineDir('auth-redis-sentinel');
    const [master, replica, ...sentinelPorts] = await freePorts(5);
    const dataArgs = (port: number): string[] => {
      // prettier-ignore
      const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir.path, '--dbfilename', `dump-${port}.rdb`,
        '--save', '', '--appendonly', 'no', '--requirepass', password, '--masterauth', password,
        // A replica that (re)joins is served at once, not after the default 5 s of waiting for others to join.
        '--repl-diskless-sync-delay', '0'];
      return port === replica ? [...args, '--replicaof', '127.0.0.1', String(master)] : args;
    };
    const data = [master, replica].map(
      (port) => new EngineProcess(`redis-${port}`, 'redis-server', dataArgs(port), join(dir.path, `redis-${port}.log`)),
    );
    const sentinels = sentinelPorts.map((port) => {
      const file = join(dir.path, `sentinel-${port}.conf`);
      // The sentinel rewrites this file as it learns the topology, so each has one of its own.
      writeFileSync(
        file,
        [
          `port ${port}`,
          'bind 127.0.0.1',
          `dir ${dir.path}`,
          `sentinel monitor ${SENTINEL_MASTER_NAME} 127.0.0.1 ${master} 2`,
          `sentinel auth-pass ${SENTINEL_MASTER_NAME} ${password}`,
          `sentinel down-after-milliseconds ${SENTINEL_MASTER_NAME} 1000`,
          `sentinel failover-timeout ${SENTINEL_MASTER_NAME} 5000`,
          `sentinel parallel-syncs ${SENTINEL_MASTER_NAME} 1`,
          '',
        ].join('\n'),
      );
      return new EngineProcess(`sentinel-${port}`, 'redis-server', [file, '--sentinel'], join(dir.path, `sentinel-${port}.log`));
    });
    const engine = new RedisSentinel([master, replica], sentinelPorts, password, data, sentinels, dir);
    try {
      for (const process of [...data, ...sentinels]) process.start();
      await waitUntil('the replica in sync', async () => (await redisInfo(replica, password, 'replication')).master_link_status === 'up');
      await waitUntil('every sentinel to know the replica and the other sentinels', () => engine.settled(), 30_000);
      return engine;
    } catch (error) {
      await engine.stop();
      throw error;
    }
  }

  /** The data node the sentinels name as master (by port). */
  async masterPort(): Promise<number> {
    for (const port of this.sentinelPorts) {
      try {
        const [, masterPort] = (await redisCommand(
          port,
          undefined,
          'SENTINEL',
          'get-master-addr-by-name',
          SENTINEL_MASTER_NAME,
        )) as string[];
        return Number(masterPort);
      } catch {
        // that sentinel is not answering: ask the next
      }
    }
    throw new Error('no sentinel answered');
  }

  /** The process of a data node. */
  node(port: number): EngineProcess {
    const index = this.dataPorts.indexOf(port);
    if (index < 0) throw new Error(`no data node on ${port}`);
    return this.data[index];
  }

  /** A client of the current master, through the sentinels, for a test's assertions. */
  client(): Redis {
    return new Redis({
      sentinels: this.sentinelPorts.map((port) => ({ host: '127.0.0.1', port })),
      name: SENTINEL_MASTER_NAME,
      password: this.password,
    });
  }

  /** Polls until the sentinels name another master than `formerPort` and it accepts writes. */
  async waitForFailover(formerPort: number, timeoutMs = 30_000): Promise<number> {
    let promoted = 0;
    await waitUntil(
      'the sentinels to promote the replica',
      async () => {
        promoted = await this.masterPort();
        return promoted !== formerPort && (await redisInfo(promoted, this.password, 'replication')).role === 'master';
      },
      timeoutMs,
    );
    return promoted;
  }

  /**
   * Starts a stopped data node again the way supervisors of Sentinel setups do: it asks the sentinels
   * for the current master and starts as its replica. (Coming back empty as a master is the trap: had
   * the sentinels not yet noticed its loss, its replica would resynchronise from it and drop its data.)
   */
  async restartAsReplica(port: number): Promise<void> {
    const master = await this.masterPort();
    this.node(port).start(['--replicaof', '127.0.0.1', String(master)]);
    await this.waitForReplica(port);
  }

  /** Polls until `port` is a replica of the current master with its link up (e.g. a former master, restarted). */
  async waitForReplica(port: number, timeoutMs = 30_000): Promise<void> {
    await waitUntil(
      `${port} to be an in-sync replica`,
      async () => {
        const info = await redisInfo(port, this.password, 'replication');
        return info.role === 'slave' && info.master_link_status === 'up' && Number(info.master_port) === (await this.masterPort());
      },
      timeoutMs,
    );
  }

  async stop(): Promise<void> {
    await Promise.all([...this.data, ...this.sentinels].map((process) => process.stop()));
    this.dir.remove();
  }

  private async settled(): Promise<boolean> {
    for (const port of this.sentinelPorts) {
      const replicas = (await redisCommand(port, undefined, 'SENTINEL', 'replicas', SENTINEL_MASTER_NAME)) as unknown[];
      const others = (await redisCommand(port, undefined, 'SENTINEL', 'sentinels', SENTINEL_MASTER_NAME)) as unknown[];
      if (replicas.length < 1 || others.length < this.sentinelPorts.length - 1) return false;
    }
    return true;
  }
}
