/**
 * How long an answer that must not tell whether an account exists takes at least. The work for a real
 * account and the dummy work for an unknown one are alike already; the floor hides what differs (one
 * INSERT, the outbox sender waking up) under an answer time no branch comes near on its own.
 */
export const UNREVEALING_ANSWER_FLOOR_MS = 100;

/** Resolves once `floorMs` have passed since `startedAt` (at once if they already have). */
export function waitForFloor(startedAt: number, floorMs = UNREVEALING_ANSWER_FLOOR_MS): Promise<void> {
  const remaining = startedAt + floorMs - Date.now();
  return remaining > 0 ? new Promise((done) => setTimeout(done, remaining)) : Promise.resolve();
}
