import { createHmac } from 'node:crypto';

/**
 * RFC 6238 TOTP written from the RFCs with node:crypto, independent of the library the auth-service
 * uses: HMAC-SHA-1 over the 8-byte big-endian time step (RFC 4226 section 5.3), dynamic truncation, 6 digits.
 */
export const TOTP_PERIOD_SECONDS = 30;

/** RFC 4648 base32 (upper case, no padding needed) to bytes. */
export function base32Decode(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const bytes: number[] = [];
  for (const character of text.replace(/=+$/, '').toUpperCase()) {
    const index = alphabet.indexOf(character);
    if (index < 0) throw new Error(`not base32: ${character}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

export function timeStep(nowMs = Date.now()): number {
  return Math.floor(nowMs / 1000 / TOTP_PERIOD_SECONDS);
}

/** The 6-digit code of `secret` (base32) for time step `step`. */
export function totpAt(secret: string, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const digest = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = digest[digest.length - 1] & 0x0f;
  const binary = (digest.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(binary).padStart(6, '0');
}

/**
 * Codes of one secret for a test that uses several in a row: each is of a later step than the last one
 * handed out (the server accepts a step once), within the server's one step of drift; when the next
 * unused step is still more than one step ahead, it waits for the clock to catch up (at most one period).
 */
export class TotpDevice {
  private lastStep = -1;

  constructor(readonly secret: string) {}

  async nextCode(): Promise<string> {
    for (;;) {
      const now = timeStep();
      const step = Math.max(this.lastStep + 1, now - 1);
      if (step <= now + 1) {
        this.lastStep = step;
        return totpAt(this.secret, step);
      }
      await new Promise((next) => setTimeout(next, 250));
    }
  }

  /** The code last handed out (already spent once the server accepted it). */
  lastCode(): string {
    return totpAt(this.secret, this.lastStep);
  }
}
