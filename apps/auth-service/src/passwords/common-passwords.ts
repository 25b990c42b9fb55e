import { Options } from '@zxcvbn-ts/core';
import { dictionary } from '@zxcvbn-ts/language-common';
import { burnettPasswords } from './burnett-passwords';

/** A sorted list of strings, searched by halves: whether it holds a string, and whether any entry starts with one. */
class SortedEntries {
  private readonly sorted: readonly string[];

  constructor(entries: Iterable<string>) {
    this.sorted = [...new Set(entries)].sort();
  }

  get size(): number {
    return this.sorted.length;
  }

  has(entry: string): boolean {
    return this.sorted[this.lowerBound(entry)] === entry;
  }

  hasPrefix(prefix: string): boolean {
    return this.sorted[this.lowerBound(prefix)]?.startsWith(prefix) ?? false;
  }

  /** The index of the first entry not before the text. */
  private lowerBound(text: string): number {
    let low = 0;
    let high = this.sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.sorted[middle] < text) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

/** Each l33t string of zxcvbn's table with the letters it may stand for: "4" → a, "1" → i or l, "|_|" → u. */
function lettersByL33t(): ReadonlyMap<string, readonly string[]> {
  const letters = new Map<string, string[]>();
  for (const [letter, substitutes] of Object.entries(new Options().l33tTable)) {
    for (const substitute of substitutes) letters.set(substitute, [...(letters.get(substitute) ?? []), letter]);
  }
  return letters;
}

/** Past this many steps a search gives up (answers "no"): with prefix pruning no real password comes near it. */
const SEARCH_STEP_BUDGET = 20_000;

/**
 * The common-password list (zxcvbn's 49,233, then the 682 of Burnett's 10,000 that it lacks), loaded
 * once per process on first use, and an anchored search of it. zxcvbn's own l33t matcher looks every
 * substring of up to 100 substituted variants up, which took 10-40 ms for a 20-character password of
 * look-alike characters here; the policy only asks whether the whole of a string is an entry, so this
 * walks the string once, trying each character as itself or as each letter it may stand for, and stops
 * a branch as soon as no entry starts with what it has read.
 */
export class CommonPasswords {
  private static instance: CommonPasswords | undefined;

  private readonly entries: SortedEntries;
  private readonly reversedEntries: SortedEntries;
  private readonly l33tLetters = lettersByL33t();
  private readonly longestL33t = Math.max(...[...this.l33tLetters.keys()].map((substitute) => substitute.length));

  private constructor() {
    const entries = [...dictionary['passwords-common'], ...burnettPasswords()];
    this.entries = new SortedEntries(entries);
    this.reversedEntries = new SortedEntries(entries.map((entry) => [...entry].reverse().join('')));
  }

  /** The process's list, loaded on first use; call it at boot to spare the first password the wait. */
  static shared(): CommonPasswords {
    CommonPasswords.instance ??= new CommonPasswords();
    return CommonPasswords.instance;
  }

  /** How many distinct entries the list holds. */
  get size(): number {
    return this.entries.size;
  }

  /** Whether the whole string is an entry, read forwards or backwards, in any letter case and with any l33t substitutions. */
  isVariantOfEntry(candidate: string): boolean {
    const lowered = candidate.toLowerCase();
    return this.search(lowered, 0, '', this.entries, { steps: 0 }) || this.search(lowered, 0, '', this.reversedEntries, { steps: 0 });
  }

  /** Depth-first over the readings of the text, one branch per reading, pruned where no entry starts with what was read. */
  private search(text: string, position: number, read: string, entries: SortedEntries, budget: { steps: number }): boolean {
    if (position === text.length) return entries.has(read);
    if ((budget.steps += 1) > SEARCH_STEP_BUDGET) return false;
    for (const [consumed, letter] of this.readingsAt(text, position)) {
      const next = read + letter;
      if (entries.hasPrefix(next) && this.search(text, position + consumed, next, entries, budget)) return true;
    }
    return false;
  }

  /** The ways to read the text at a position: its character as itself, or a l33t string there as each letter it may stand for. */
  private readingsAt(text: string, position: number): [consumed: number, letter: string][] {
    const readings: [number, string][] = [[1, text[position]]];
    for (let length = 1; length <= this.longestL33t && position + length <= text.length; length += 1) {
      for (const letter of this.l33tLetters.get(text.slice(position, position + length)) ?? []) readings.push([length, letter]);
    }
    return readings;
  }
}
