// The bare-server ceiling: node:http answering a fixed JSON body of about the size of /auth/me's.
// Started by the benchmark in a child process and loaded with the same autocannon settings, so every
// ratio in the report compares the system with what this machine can serve at all, in the same run.
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';

const body = JSON.stringify({
  user: { id: '00000000-0000-4000-8000-000000000000', username: 'bench-user', email: null, roles: ['user'], active: true },
  csrfToken: 'x'.repeat(43),
  session: { id: 'y'.repeat(43), createdAt: new Date(0).toISOString(), expiresAt: new Date(0).toISOString() },
});

const server = createServer((_request, response) => {
  response.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
});
server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as AddressInfo).port }));
process.on('disconnect', () => process.exit(0));
