import { join } from 'node:path';
import { EngineProcess, engineDir, freePorts, waitUntil } from './engine-process';

interface ConnzSubscription {
  subject: string;
  qgroup?: string;
}

interface Connz {
  connections: Array<{ cid: number; subscriptions_list_detail?: ConnzSubscription[] }>;
}

/**
 * A NATS cluster of the test's own: `size` nats-servers on free loopback ports, routed to each other,
 * each with its monitoring port (for /routez and /connz); `size` 1 is a single server that can be
 * stopped and started again on its port. `stop` kills them and removes the temp dir.
 */
export class NatsCluster {
  private constructor(
    readonly clientPorts: number[],
    private readonly monitorPorts: number[],
    private readonly servers: EngineProcess[],
    private readonly dir: { path: string; remove: () => void },
  ) {}

  /** TRANSPORT_URL for the services: every server (or the one at `index`). */
  url(index?: number): string {
    const ports = index === undefined ? this.clientPorts : [this.clientPorts[index]];
    return ports.map((port) => `nats://127.0.0.1:${port}`).join(',');
  }

  static async start(size = 3): Promise<NatsCluster> {
    const dir = engineDir('auth-nats-cluster');
    const ports = await freePorts(size * 3);
    const [clientPorts, routePorts, monitorPorts] = [ports.slice(0, size), ports.slice(size, 2 * size), ports.slice(2 * size)];
    const routes = routePorts.map((port) => `nats://127.0.0.1:${port}`);
    const servers = clientPorts.map((port, i) => {
      // prettier-ignore
      const args = ['-a', '127.0.0.1', '-p', String(port), '-m', String(monitorPorts[i]), '--server_name', `n${i}`];
      // prettier-ignore
      if (size > 1) args.push('--cluster_name', 'test', '--cluster', routes[i], '--routes', routes.filter((_, j) => j !== i).join(','));
      return new EngineProcess(
        `nats-${port}`,
        process.env.NATS_SERVER_BIN ?? '/usr/sbin/nats-server',
        args,
        join(dir.path, `nats-${port}.log`),
      );
    });
    const cluster = new NatsCluster(clientPorts, monitorPorts, servers, dir);
    try {
      for (const server of servers) server.start();
      await waitUntil('every nats-server routed to the others', () => cluster.routed(), 20_000);
      return cluster;
    } catch (error) {
      await cluster.stop();
      throw error;
    }
  }

  /** The index of the server where a client subscribes to `subject` in queue group `queue` (a service's server). */
  async serverOf(subject: string, queue: string): Promise<number> {
    for (const [i, port] of this.monitorPorts.entries()) {
      if (!this.servers[i].running) continue;
      const connz = await this.monitor<Connz>(port, '/connz?subs=detail');
      const subscribed = connz.connections.some((connection) =>
        (connection.subscriptions_list_detail ?? []).some((sub) => sub.subject === subject && sub.qgroup === queue),
      );
      if (subscribed) return i;
    }
    throw new Error(`no server has a subscriber to ${subject} in ${queue}`);
  }

  /** How many subscriptions to `subject` (outside queue groups) the running servers hold: one per listening process. */
  async subscribers(subject: string): Promise<number> {
    let count = 0;
    for (const [i, port] of this.monitorPorts.entries()) {
      if (!this.servers[i].running) continue;
      const connz = await this.monitor<Connz>(port, '/connz?subs=detail');
      for (const connection of connz.connections) {
        count += (connection.subscriptions_list_detail ?? []).filter((sub) => sub.subject === subject && !sub.qgroup).length;
      }
    }
    return count;
  }

  server(index: number): EngineProcess {
    return this.servers[index];
  }

  /** Starts a stopped server again with its arguments; resolves once it is routed to the others again. */
  async restart(index: number): Promise<void> {
    this.servers[index].start();
    await waitUntil(`nats-server ${index} routed again`, () => this.routed(), 20_000);
  }

  async stop(): Promise<void> {
    await Promise.all(this.servers.map((server) => server.stop()));
    this.dir.remove();
  }

  private async routed(): Promise<boolean> {
    const running = this.servers.filter((server) => server.running).length;
    for (const [i, port] of this.monitorPorts.entries()) {
      if (!this.servers[i].running) continue;
      const routez = await this.monitor<{ num_routes: number }>(port, '/routez');
      if (routez.num_routes < running - 1) return false;
    }
    return true;
  }

  private async monitor<T>(port: number, path: string): Promise<T> {
    const response = await fetch(`http://127.0.0.1:${port}${path}`);
    return (await response.json()) as T;
  }
}
