import { MessagePayload } from '../message.payload';

/** Asks a service how it and its dependencies are. */
export class HealthPayload extends MessagePayload {}

/** A service's readiness: each check is "ok" or says what is wrong. */
export interface HealthResult {
  status: 'ok' | 'error';
  checks: Record<string, string>;
}
