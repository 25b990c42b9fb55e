import { natsServers, parseTransportUrl, redactTransportUrl, transportHasPassword } from './transport-url';
import { transportOptions } from './transport-options';

describe('TRANSPORT_URL', () => {
  it('takes one Redis server, with its credentials and TLS', () => {
    expect(parseTransportUrl('rediss://user:p%40ss@cache:6380')).toEqual({
      kind: 'redis',
      servers: [{ host: 'cache', port: 6380 }],
      username: 'user',
      password: 'p@ss',
      tls: true,
    });
    expect(parseTransportUrl('redis://127.0.0.1').servers).toEqual([{ host: '127.0.0.1', port: 6379 }]);
  });

  it('takes several NATS servers (a cluster), the credentials given once or alike on each', () => {
    const endpoints = parseTransportUrl('nats://svc:secret@a:4222, nats://b:4223,nats://[::1]');
    expect(endpoints).toMatchObject({ kind: 'nats', username: 'svc', password: 'secret' });
    expect(natsServers(endpoints)).toEqual(['nats://a:4222', 'nats://b:4223', 'nats://[::1]:4222']);
    expect(parseTransportUrl('nats://svc:secret@a:4222,nats://svc:secret@b:4222').password).toBe('secret');
    const options = transportOptions('nats://svc:secret@a:4222,nats://b:4222', 'auth-service') as { options: Record<string, unknown> };
    expect(options.options).toMatchObject({
      servers: ['nats://a:4222', 'nats://b:4222'],
      user: 'svc',
      pass: 'secret',
      queue: 'auth-service',
    });
  });

  it('refuses what it cannot use, saying why', () => {
    expect(() => parseTransportUrl('redis://a:6379,redis://b:6379')).toThrow(/Redis transport takes one server/);
    expect(() => parseTransportUrl('nats://a:4222,redis://b:6379')).toThrow(/mixes Redis and NATS/);
    expect(() => parseTransportUrl('nats://u:one@a:4222,nats://u:two@b:4222')).toThrow(/different credentials/);
    expect(() => parseTransportUrl('http://a')).toThrow(/must start with redis:\/\/ or nats:\/\/ \(got http:\)/);
    expect(() => parseTransportUrl('nats://u:secret@a:99999')).toThrow(/is not a URL/);
    expect(() => parseTransportUrl('nats://u:secret@a:99999')).not.toThrow(/secret/);
    expect(() => parseTransportUrl(' , ')).toThrow(/names no server/);
  });

  it('tells whether a password is given, and hides it in messages', () => {
    expect(transportHasPassword('nats://a:4222,nats://svc:pw@b:4222')).toBe(true);
    expect(transportHasPassword('nats://a:4222,nats://b:4222')).toBe(false);
    expect(redactTransportUrl('nats://svc:pw@a:4222,nats://svc:pw@b:4222')).toBe('nats://svc:***@a:4222,nats://svc:***@b:4222');
  });
});
