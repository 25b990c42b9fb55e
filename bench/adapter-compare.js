#!/usr/bin/env node
// Express vs Fastify under Nest, measured rather than guessed, without switching the gateway: a minimal
// Nest app shaped like the gateway's GET /auth/me on a cache hit (a guard that reads the `sid` cookie
// and finds the caller in a Map, a controller returning the same JSON), served once by each adapter
// and loaded with the benchmark's autocannon settings, next to the bare node:http ceiling.
//
// The repository does not depend on @nestjs/platform-fastify; install the comparison's own copy of
// Nest in a scratch folder and point ADAPTER_COMPARE_MODULES at it:
//   mkdir -p /tmp/adapter-compare && cd /tmp/adapter-compare && npm init -y >/dev/null && npm install --ignore-scripts --no-audit --no-fund \
//     @nestjs/common@11.2.10 @nestjs/core@11.2.10 @nestjs/platform-express@11.2.10 @nestjs/platform-fastify@11.2.8 reflect-metadata@0.2.2 rxjs@7.8.2
//   ADAPTER_COMPARE_MODULES=/tmp/adapter-compare BENCH_DURATION=10 node bench/adapter-compare.js
'use strict';
const { fork } = require('node:child_process');
const { createRequire } = require('node:module');
const { join } = require('node:path');
const { load } = require('./lib/load');

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const TOKEN = 'x'.repeat(43);

function serve(adapterName) {
  const scratch = createRequire(join(process.env.ADAPTER_COMPARE_MODULES, 'package.json'));
  scratch('reflect-metadata');
  const { Controller, Get, Injectable, Module, UseGuards, UnauthorizedException, Header } = scratch('@nestjs/common');
  const { NestFactory } = scratch('@nestjs/core');
  const callers = new Map([[TOKEN, { user: { id: 'u1', username: 'bench-user', roles: ['user'] }, csrfToken: 'c'.repeat(43), session: { id: 's'.repeat(43) } }]]);

  class SidGuard {
    canActivate(context) {
      const request = context.switchToHttp().getRequest();
      const match = /(?:^|;\s*)sid=([^;]+)/.exec(request.headers.cookie ?? '');
      const caller = match && callers.get(match[1]);
      if (!caller) throw new UnauthorizedException();
      request.caller = caller;
      return true;
    }
  }
  Injectable()(SidGuard);

  class MeController {
    me(request) {
      return request.caller;
    }
  }
  const { Req } = scratch('@nestjs/common');
  Req()(MeController.prototype, 'me', 0);
  const descriptor = Object.getOwnPropertyDescriptor(MeController.prototype, 'me');
  Reflect.decorate([Get('me'), UseGuards(SidGuard), Header('Cache-Control', 'no-store')], MeController.prototype, 'me', descriptor);
  Controller('auth')(MeController);
  class AppModule {}
  Module({ controllers: [MeController], providers: [SidGuard] })(AppModule);

  if (adapterName === 'bare-express') return serveBareExpress(scratch, callers);
  const adapter =
    adapterName === 'fastify' ? new (scratch('@nestjs/platform-fastify').FastifyAdapter)() : new (scratch('@nestjs/platform-express').ExpressAdapter)();
  return NestFactory.create(AppModule, adapter, { logger: false }).then(async (app) => {
    await app.listen(0, '127.0.0.1');
    process.send({ port: app.getHttpServer().address().port });
  });
}

/** Express 5 alone, same route, to tell Express's share from Nest's. */
function serveBareExpress(scratch, callers) {
  const express = scratch('express');
  const app = express();
  app.get('/auth/me', (request, response) => {
    const match = /(?:^|;\s*)sid=([^;]+)/.exec(request.headers.cookie ?? '');
    const caller = match && callers.get(match[1]);
    if (!caller) return response.status(401).json({ statusCode: 401 });
    response.set('Cache-Control', 'no-store').json(caller);
  });
  const server = app.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
}

async function measure(title, script, args) {
  const child = fork(script, args, { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], env: process.env });
  try {
    const { port } = await new Promise((done) => child.once('message', done));
    return await load(title, { url: `http://127.0.0.1:${port}/auth/me`, duration: DURATION, connections: CONNECTIONS, headers: { cookie: `sid=${TOKEN}` } });
  } finally {
    child.kill();
  }
}

async function main() {
  const rows = [];
  rows.push(['bare node:http', await measure('bare node:http', join(__dirname, 'lib', 'ceiling-server.js'), [])]);
  for (const adapter of ['bare-express', 'express', 'fastify', 'bare-express', 'express', 'fastify']) rows.push([adapter === 'bare-express' ? 'Express 5 alone' : `Nest + ${adapter}`, await measure(adapter, __filename, ['--serve', adapter])]);
  for (const [name, r] of rows) process.stdout.write(`${name.padEnd(16)} ${String(r.requestsPerSecond).padStart(9)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  errors ${r.errors}\n`);
}

if (process.argv[2] === '--serve') serve(process.argv[3]);
else main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
