import { resolveLogFormat } from './environment';

describe('the log format', () => {
  it('is human-readable only for a person: outside production, on a terminal', () => {
    expect(resolveLogFormat({ NODE_ENV: 'development' }, true)).toBe('pretty');
    expect(resolveLogFormat({ NODE_ENV: 'test' }, true)).toBe('pretty');
    expect(resolveLogFormat({ NODE_ENV: 'development' }, false)).toBe('json');
    expect(resolveLogFormat({ NODE_ENV: 'production' }, true)).toBe('json');
  });

  it('is what LOG_FORMAT says when it is set, either way', () => {
    expect(resolveLogFormat({ NODE_ENV: 'production', LOG_FORMAT: 'pretty' }, false)).toBe('pretty');
    expect(resolveLogFormat({ NODE_ENV: 'development', LOG_FORMAT: 'json' }, true)).toBe('json');
  });
});
