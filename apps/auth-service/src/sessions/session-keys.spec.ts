import { sessionKey, sessionScriptKeys, spentRefreshKey, userSessionsKey } from './session-keys';

/** The hash tag of a key as Redis Cluster reads it: the text between the first `{` and the next `}`, if not empty. */
function hashTag(key: string): string {
  const open = key.indexOf('{');
  const close = key.indexOf('}', open + 1);
  return open >= 0 && close > open + 1 ? key.slice(open + 1, close) : key;
}

describe('session key names', () => {
  it('are the names the sessions already in Redis have (renaming one would orphan them)', () => {
    expect(sessionKey('p:', 'abc')).toBe('p:s:{abc}');
    expect(spentRefreshKey('p:', 'abc')).toBe('p:s:{abc}:spent');
    expect(userSessionsKey('p:', 'user-1')).toBe('p:u:{user-1}:sessions');
  });

  it('put a session’s hash and spent set in one Cluster slot, as its scripts need, and the user index in the user’s', () => {
    const [hash, spent] = sessionScriptKeys('prefix:', 'Zm9v-YmFy_');
    expect([hash, spent]).toEqual([sessionKey('prefix:', 'Zm9v-YmFy_'), spentRefreshKey('prefix:', 'Zm9v-YmFy_')]);
    expect(hashTag(hash)).toBe('Zm9v-YmFy_');
    expect(hashTag(spent)).toBe('Zm9v-YmFy_');
    expect(hashTag(userSessionsKey('prefix:', 'user-1'))).toBe('user-1');
  });
});
