import { Server, Socket, connect, createServer } from 'node:net';

/**
 * A TCP relay a test can cut and restore: a dependency (PostgreSQL, say) "goes down" for the services
 * behind it without touching the real server, which other users of the machine share.
 */
export class TcpProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private boundPort: number,
    private readonly target: { host: string; port: number },
  ) {}

  get port(): number {
    return this.boundPort;
  }

  static async start(target: { host: string; port: number }, port = 0): Promise<TcpProxy> {
    const proxy = new TcpProxy(port, target);
    return proxy.listen();
  }

  /** Accepts connections again (on the same port). */
  async restore(): Promise<void> {
    await this.listen();
  }

  /** Refuses new connections and resets every open one, as a crashed server would. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((done) => server.close(() => done()));
  }

  private async listen(): Promise<TcpProxy> {
    const server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('error', () => undefined);
        socket.on('close', () => {
          this.sockets.delete(socket);
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((done, reject) => {
      server.once('error', reject);
      server.listen(this.boundPort, '127.0.0.1', () => done());
    });
    this.server = server;
    this.boundPort = (server.address() as { port: number }).port;
    return this;
  }
}
