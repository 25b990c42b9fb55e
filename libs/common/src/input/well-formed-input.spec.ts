import { MAX_INPUT_DEPTH, findMalformedInput, isWellFormedUnicode, malformedInputMessage } from './well-formed-input';

/** `levels` arrays nested in one another, the innermost holding `leaf`, built without recursion. */
function nested(levels: number, leaf: unknown = 'x'): unknown {
  let value: unknown = leaf;
  for (let level = 0; level < levels; level += 1) value = [value];
  return value;
}

describe('isWellFormedUnicode', () => {
  it.each([
    ['', true],
    ['alice', true],
    ['é and e\u0301', true],
    ['😀 (a surrogate pair)', true],
    ['\ud800', false],
    ['a\udc00b', false],
    ['\udc00\ud800 (a pair in the wrong order)', false],
    ['😀\ud83d', false],
  ])('%j → %s', (value, expected) => {
    expect(isWellFormedUnicode(value)).toBe(expected);
  });

  it('agrees with a UTF-8 round trip', () => {
    for (const value of ['abc', '\ud800x', '😀', 'x\udfff'])
      expect(isWellFormedUnicode(value)).toBe(Buffer.from(value, 'utf8').toString('utf8') === value);
  });
});

describe('findMalformedInput', () => {
  it('finds nothing in an ordinary body', () => {
    const body = JSON.parse('{"username":"alice","password":"Grüße 😀 aus Köln","remember":true,"n":1,"x":null,"tags":["a",{"b":"c"}]}');
    expect(findMalformedInput(body)).toBeNull();
  });

  it.each([
    ['{"password":"\\ud800abc"}', 'password'],
    ['{"credential":{"token":"ok","proof":"\\udfff"}}', 'credential.proof'],
    ['{"items":["ok","ok",{"name":"\\ud83d"}]}', 'items[2].name'],
    ['{"\\ud800":"key, not value"}', '[?]'],
    ['"\\ud800"', ''],
  ])('finds the lone surrogate in %s at %j', (json, path) => {
    expect(findMalformedInput(JSON.parse(json))).toEqual({ problem: 'lone-surrogate', path });
  });

  it('accepts 32 levels of nesting and refuses 33 (the value itself is level 1)', () => {
    expect(MAX_INPUT_DEPTH).toBe(32);
    expect(findMalformedInput(nested(32))).toBeNull();
    expect(findMalformedInput(nested(33))).toEqual({ problem: 'too-deep', path: '[0]'.repeat(32) });
    expect(findMalformedInput({ a: { b: {} } }, 2)).toEqual({ problem: 'too-deep', path: 'a.b' });
    expect(findMalformedInput({ a: { b: 'leaf' } }, 2)).toBeNull();
  });

  it('answers at once for the 5,000-level body of issue 13, parsed as the gateway would', () => {
    const body = JSON.parse(`{"username":${'['.repeat(5000)}${']'.repeat(5000)}}`);
    const found = findMalformedInput(body);
    expect(found?.problem).toBe('too-deep');
    expect(found?.path.startsWith('username[0]')).toBe(true);
  });

  it('walks 100,000 levels without a stack overflow when no limit applies', () => {
    expect(findMalformedInput(nested(100_000), Number.POSITIVE_INFINITY)).toBeNull();
    expect(findMalformedInput(nested(100_000, '\ud800'), Number.POSITIVE_INFINITY)?.problem).toBe('lone-surrogate');
  });

  it('reads forms (null-prototype objects) and leaves other objects alone', () => {
    const form = Object.assign(Object.create(null) as Record<string, unknown>, { username: 'alice', password: ['a', '\ud800'] });
    expect(findMalformedInput(form)).toEqual({ problem: 'lone-surrogate', path: 'password[1]' });
    expect(findMalformedInput({ when: new Date(0), bytes: Buffer.from([0xd8, 0x00]) })).toBeNull();
    expect(findMalformedInput(42)).toBeNull();
    expect(findMalformedInput(null)).toBeNull();
  });

  it('says what is wrong, and where, without quoting the input', () => {
    expect(malformedInputMessage({ problem: 'lone-surrogate', path: 'password' })).toBe(
      'password must be well-formed Unicode (no lone surrogates)',
    );
    expect(malformedInputMessage({ problem: 'too-deep', path: '' })).toBe('input is nested deeper than 32 levels');
  });

  it('costs microseconds on a typical 1 KiB login body (generous bound: the machine is shared)', () => {
    const body = JSON.parse(
      JSON.stringify({
        username: 'alice.example',
        password: 'correct horse battery staple',
        remember: true,
        client: {
          ip: '203.0.113.7',
          userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
        },
        padding: Array.from({ length: 12 }, (_, index) => ({ field: `value-${index}`, note: 'ünïcødé text '.repeat(4) })),
      }),
    );
    expect(Buffer.byteLength(JSON.stringify(body))).toBeGreaterThan(1000);
    for (let warm = 0; warm < 1000; warm += 1) findMalformedInput(body);
    const started = process.hrtime.bigint();
    for (let call = 0; call < 10_000; call += 1) findMalformedInput(body);
    expect(Number(process.hrtime.bigint() - started) / 10_000 / 1000).toBeLessThan(200); // µs per call
  });
});
