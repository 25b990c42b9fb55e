/** The audit event types the system writes. */
export type AuditType =
  | 'user.registered'
  | 'login.succeeded'
  | 'login.failed'
  | 'login.throttled'
  | 'logout'
  | 'session.revoked'
  | 'password.changed'
  | 'token.issued'
  | 'token.reuse_detected'
  | 'user.updated'
  | 'password.reset_requested'
  | 'password.reset'
  | 'email.verified'
  | 'email.changed'
  | 'passkey.added'
  | 'passkey.removed'
  | 'mfa.enabled'
  | 'mfa.disabled'
  | 'mfa.failed'
  | 'mfa.recovery_code_used'
  | 'mfa.recovery_codes_regenerated'
  | 'session.reauthenticated'
  | 'oidc.consent_granted'
  | 'oidc.token_issued'
  | 'oidc.logout';

/** One event to record: what happened, to whom, by whom, from where. */
export interface AuditEntry {
  type: AuditType;
  userId?: string | null;
  actorId?: string | null;
  ip?: string | null;
  detail?: Record<string, unknown>;
}
