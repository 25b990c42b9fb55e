import { CommonPasswords } from './common-passwords';

describe('CommonPasswords', () => {
  const list = CommonPasswords.shared();

  it("holds zxcvbn's list and Burnett's, well past the 30,000 entries the contract asks for", () => {
    expect(list.size).toBeGreaterThanOrEqual(49_233 + 600);
  });

  it.each([
    ['sunshine', 'as listed'],
    ['SunShine', 'in another letter case'],
    ['5un5h1n3', 'with single-character look-alikes'],
    ['s|_|nshine', 'with a multi-character look-alike ("|_|" for "u")'],
    ['/\\\\/\\\\ustang', 'with the longest look-alike of the table ("/\\\\/\\\\" for "m")'],
    ['enihsnus', 'reversed'],
    ['3n1h5nu5', 'reversed, with look-alikes'],
    ['hotmail', "from Burnett's list"],
  ])('finds %j (%s)', (candidate) => {
    expect(list.isVariantOfEntry(candidate)).toBe(true);
  });

  it.each([
    ['sunshines', 'a letter more'],
    ['sunshinf', 'a letter changed'],
    ['xsunshine', 'a letter before'],
    ['k7#Qm2vX', 'random'],
    ['sünshine', 'a letter the l33t table does not know'],
    ['', 'empty'],
  ])('does not find %j (%s)', (candidate) => {
    expect(list.isVariantOfEntry(candidate)).toBe(false);
  });

  it('answers within a millisecond or so even for 72 characters of look-alikes (generous bound: the machine is shared)', () => {
    const worst = ['1'.repeat(72), '1!|'.repeat(24), '4@1!0$5|'.repeat(9), '|_|'.repeat(24)];
    list.isVariantOfEntry('warm-up');
    const started = process.hrtime.bigint();
    for (let round = 0; round < 10; round += 1) for (const candidate of worst) list.isVariantOfEntry(candidate);
    expect(Number(process.hrtime.bigint() - started) / 1e6 / (10 * worst.length)).toBeLessThan(10);
  });
});
