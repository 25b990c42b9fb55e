const MAX_NEXT_LENGTH = 2048;
const MAX_DECODE_ROUNDS = 3;
const PLACEHOLDER_ORIGIN = 'http://gateway.invalid';

// Control characters and backslashes: browsers strip or reinterpret them ("/\evil.com" is "//evil.com").
function hasUnsafeCharacter(path: string): boolean {
  for (const character of path) {
    const code = character.charCodeAt(0);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || character === '\\') return true;
  }
  return false;
}

function looksSafe(path: string): boolean {
  return path.startsWith('/') && !path.startsWith('//') && !hasUnsafeCharacter(path);
}

/**
 * The `next` a login may send the browser to: a path on this site, or undefined. Every layer of
 * percent-decoding must still be a plain path, since a proxy or a later redirect may decode
 * "/%2F%2Fevil.com" into the protocol-relative "//evil.com".
 */
export function safeNextPath(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_NEXT_LENGTH || value.includes(' ')) return undefined;
  let layer = value;
  for (let round = 0; round <= MAX_DECODE_ROUNDS; round++) {
    if (!looksSafe(layer)) return undefined;
    let decoded: string;
    try {
      decoded = decodeURIComponent(layer);
    } catch {
      return undefined;
    }
    if (decoded === layer) break;
    if (round === MAX_DECODE_ROUNDS) return undefined;
    layer = decoded;
  }
  const resolved = new URL(value, PLACEHOLDER_ORIGIN);
  if (resolved.origin !== PLACEHOLDER_ORIGIN) return undefined;
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}
