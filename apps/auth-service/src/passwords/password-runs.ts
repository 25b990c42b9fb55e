import { MatchExtended, MatcherBaseClass, MatchOptions, ZxcvbnFactory } from '@zxcvbn-ts/core';

type Omnimatch = MatchOptions['omniMatch'];

/**
 * zxcvbn's public API only returns its scored `sequence` (the cheapest explanation of a password), but the
 * policy asks about matches, not the score. A custom matcher is handed zxcvbn's own omnimatch (the
 * documented `MatchOptions.omniMatch`), whose matchers can then be run one by one. No dictionary is
 * loaded into it: the repeat matcher re-matches its base token, and that stays cheap at any length.
 */
function captureOmnimatch(): Omnimatch {
  let captured: Omnimatch | undefined;
  class OmnimatchCapture extends MatcherBaseClass {
    match({ omniMatch }: MatchOptions): MatchExtended[] {
      captured = omniMatch;
      return [];
    }
  }
  new ZxcvbnFactory({}, { omnimatchCapture: { Matching: OmnimatchCapture, scoring: () => 0, feedback: () => null } }).check('x');
  if (!captured) throw new Error('zxcvbn did not run the omnimatch capture matcher');
  return captured;
}

let omnimatch: Omnimatch | undefined;

function runMatcher(name: 'repeat' | 'sequence', password: string): MatchExtended[] {
  omnimatch ??= captureOmnimatch();
  const matches = omnimatch.matchers[name].match({ password, omniMatch: omnimatch });
  // Both built-in matchers are synchronous; a promise would mean zxcvbn changed under the pinned version.
  if (matches instanceof Promise) throw new Error(`zxcvbn's ${name} matcher answered asynchronously`);
  return matches;
}

/**
 * Whether the whole password is one zxcvbn repeat ("aaaaaaaa", "abcabcabc", "🔑🔑🔑🔑") or one sequence of
 * code points a constant step apart ("abcdefgh", "87654321", "acegikmo", "абвгдежз").
 */
export function isSingleRun(password: string): boolean {
  const coversAll = (match: MatchExtended): boolean => match.i === 0 && match.j === password.length - 1;
  return runMatcher('sequence', password).some(coversAll) || runMatcher('repeat', password).some(coversAll);
}
