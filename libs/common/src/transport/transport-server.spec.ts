import { ServerRedis } from '@nestjs/microservices';
import { createTransportServer } from './transport-server';

type Routing = { getRouteFromPattern(pattern: string): string };

describe('createTransportServer', () => {
  const nests = new ServerRedis({}) as unknown as Routing;

  it.each(['redis://127.0.0.1:6379', 'nats://127.0.0.1:4222'])(
    'routes every pattern as Nest does, plain names without a JSON attempt (%s)',
    (url) => {
      const server = createTransportServer(url, 'auth-service') as unknown as Routing;
      const parse = jest.spyOn(JSON, 'parse');
      expect(server.getRouteFromPattern('auth.session.resolve')).toBe('auth.session.resolve');
      expect(parse).not.toHaveBeenCalled();
      parse.mockRestore();
      for (const pattern of ['auth.session.resolve', '{"cmd":"sum","role":"math"}', '42', 'null', 'true']) {
        expect(server.getRouteFromPattern(pattern)).toBe(nests.getRouteFromPattern(pattern));
      }
    },
  );
});
