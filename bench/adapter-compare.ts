// Express vs Fastify under Nest, measured rather than guessed: a minimal Nest app shaped like the
// gateway's GET /auth/me on a cache hit (a guard that reads the `sid` cookie and finds the caller in a
// Map, a controller returning the same JSON), served once by each adapter and loaded with the
// benchmark's autocannon settings, next to the bare node:http ceiling.
//
// The repository has no Express adapter; install the comparison's own copy of Nest in a scratch folder
// and point ADAPTER_COMPARE_MODULES at it:
//   mkdir -p /tmp/adapter-compare && cd /tmp/adapter-compare && npm init -y >/dev/null && npm install --ignore-scripts --no-audit --no-fund \
//     @nestjs/common@11.2.10 @nestjs/core@11.2.10 @nestjs/platform-express@11.2.10 @nestjs/platform-fastify@11.2.8 reflect-metadata@0.2.2 rxjs@7.8.2
//   ADAPTER_COMPARE_MODULES=/tmp/adapter-compare BENCH_DURATION=10 node dist/tooling/bench/adapter-compare.js
import { fork } from 'node:child_process';
import type { IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { ExecutionContext } from '@nestjs/common';
import { LoadResult, load } from './lib/load';
import { CONNECTIONS, DURATION } from './lib/settings';

const TOKEN = 'x'.repeat(43);

type Caller = { user: { id: string; username: string; roles: string[] }; csrfToken: string; session: { id: string } };
type CallerRequest = IncomingMessage & { caller?: Caller };

const callers = new Map<string, Caller>([
  [TOKEN, { user: { id: 'u1', username: 'bench-user', roles: ['user'] }, csrfToken: 'c'.repeat(43), session: { id: 's'.repeat(43) } }],
]);

function callerOf(request: IncomingMessage): Caller | undefined {
  const match = /(?:^|;\s*)sid=([^;]+)/.exec(request.headers.cookie ?? '');
  return match ? callers.get(match[1]) : undefined;
}

/** Serves the app with one adapter in this (child) process; sends the port to the parent. */
async function serve(adapterName: string): Promise<void> {
  // The scratch folder's packages, untyped: the repository's own copies are not the ones measured.
  const scratch = createRequire(join(process.env.ADAPTER_COMPARE_MODULES ?? '', 'package.json'));
  scratch('reflect-metadata');
  if (adapterName === 'bare-express') return serveBareExpress(scratch);
  const { Controller, Get, Header, Injectable, Module, Req, UnauthorizedException, UseGuards } = scratch('@nestjs/common');
  const { NestFactory } = scratch('@nestjs/core');

  @Injectable()
  class SidGuard {
    canActivate(context: ExecutionContext): boolean {
      const request = context.switchToHttp().getRequest<CallerRequest>();
      const caller = callerOf(request);
      if (!caller) throw new UnauthorizedException();
      request.caller = caller;
      return true;
    }
  }

  @Controller('auth')
  class MeController {
    @Get('me')
    @UseGuards(SidGuard)
    @Header('Cache-Control', 'no-store')
    me(@Req() request: CallerRequest): Caller | undefined {
      return request.caller;
    }
  }

  @Module({ controllers: [MeController], providers: [SidGuard] })
  class AppModule {}

  const adapter =
    adapterName === 'fastify'
      ? new (scratch('@nestjs/platform-fastify').FastifyAdapter)()
      : new (scratch('@nestjs/platform-express').ExpressAdapter)();
  const app = await NestFactory.create(AppModule, adapter, { logger: false });
  await app.listen(0, '127.0.0.1');
  process.send?.({ port: (app.getHttpServer().address() as AddressInfo).port });
}

/** The parts of Express's response the bare route uses. */
interface ExpressResponse {
  status(code: number): ExpressResponse;
  set(name: string, value: string): ExpressResponse;
  json(body: unknown): void;
}

/** Express 5 alone, same route, to tell Express's share from Nest's. */
function serveBareExpress(scratch: NodeJS.Require): void {
  const express = scratch('express');
  const app = express();
  app.get('/auth/me', (request: IncomingMessage, response: ExpressResponse) => {
    const caller = callerOf(request);
    if (!caller) return response.status(401).json({ statusCode: 401 });
    response.set('Cache-Control', 'no-store').json(caller);
  });
  const server = app.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as AddressInfo).port }));
}

async function measure(title: string, script: string, args: string[]): Promise<LoadResult> {
  const child = fork(script, args, { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], env: process.env });
  try {
    const { port } = await new Promise<{ port: number }>((done) => child.once('message', (message) => done(message as { port: number })));
    const options = {
      url: `http://127.0.0.1:${port}/auth/me`,
      duration: DURATION,
      connections: CONNECTIONS,
      headers: { cookie: `sid=${TOKEN}` },
    };
    return await load(title, options);
  } finally {
    child.kill();
  }
}

async function main(): Promise<void> {
  const rows: Array<[string, LoadResult]> = [];
  rows.push(['bare node:http', await measure('bare node:http', join(__dirname, 'lib', 'ceiling-server.js'), [])]);
  for (const adapter of ['bare-express', 'express', 'fastify', 'bare-express', 'express', 'fastify']) {
    const name = adapter === 'bare-express' ? 'Express 5 alone' : `Nest + ${adapter}`;
    rows.push([name, await measure(adapter, __filename, ['--serve', adapter])]);
  }
  for (const [name, r] of rows) {
    process.stdout.write(
      `${name.padEnd(16)} ${String(r.requestsPerSecond).padStart(9)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  errors ${r.errors}\n`,
    );
  }
}

const running = process.argv[2] === '--serve' ? serve(process.argv[3]) : main();
running.catch((error: Error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
