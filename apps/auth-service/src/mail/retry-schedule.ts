/** The first retry waits about a second... */
export const RETRY_INITIAL_DELAY_MS = 1000;
/** ...and no retry waits more than ten minutes. */
export const RETRY_MAX_DELAY_MS = 10 * 60 * 1000;

/**
 * How long to wait after `failedAttempts` failed deliveries before the next one: doubling from
 * RETRY_INITIAL_DELAY_MS up to RETRY_MAX_DELAY_MS, with "equal jitter" (a random point in the upper half
 * of the step) so that the mails of one outage, or the senders of several replicas, do not all retry at
 * the same instant when the SMTP server comes back.
 */
export function retryDelayMs(failedAttempts: number, random: () => number = Math.random): number {
  const doublings = Math.min(Math.max(failedAttempts, 1) - 1, 30);
  const step = Math.min(RETRY_MAX_DELAY_MS, RETRY_INITIAL_DELAY_MS * 2 ** doublings);
  return Math.round(step / 2 + random() * (step / 2));
}
