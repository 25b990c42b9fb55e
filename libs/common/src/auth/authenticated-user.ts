import { ExecutionContext } from '@nestjs/common';
import { ResolvedSession } from '../contracts/auth/auth.results';

/** The one identity shape guards put on a request: serialisable, no entity, no hash. */
export interface AuthenticatedUser {
  id: string;
  username: string;
  roles: string[];
  sessionId: string;
  via: 'session' | 'bearer';
  /** ISO 8601: the session's last credential check. */
  authenticatedAt: string;
  /** RFC 8176 method names of that check. */
  amr: string[];
  /** Epoch milliseconds until which the session counts as fresh (FreshnessGuard). */
  freshUntil: number;
  /** True while the user must enrol a second factor first (the auth guards refuse unless @AllowWithoutMfa()). */
  mfaEnrolmentRequired: boolean;
}

/** Narrows a resolved session to the identity handlers see. */
export function toAuthenticatedUser(resolved: ResolvedSession): AuthenticatedUser {
  return {
    id: resolved.user.id,
    username: resolved.user.username,
    roles: resolved.user.roles,
    sessionId: resolved.session.id,
    via: resolved.via,
    authenticatedAt: resolved.session.authenticatedAt,
    amr: resolved.session.amr,
    freshUntil: resolved.freshUntil,
    mfaEnrolmentRequired: resolved.mfaEnrolmentRequired,
  };
}

// A symbol key: invisible to class-transformer and the validation pipe, so it never trips "unknown field".
const CALLER = Symbol('caller');

interface CallerCarrier {
  [CALLER]?: AuthenticatedUser;
  user?: unknown;
}

function carrierOf(context: ExecutionContext): CallerCarrier | undefined {
  const carrier: unknown = context.getType() === 'http' ? context.switchToHttp().getRequest() : context.switchToRpc().getData();
  return typeof carrier === 'object' && carrier !== null ? (carrier as CallerCarrier) : undefined;
}

/** Puts the caller on the HTTP request or the message being handled. */
export function attachCaller(context: ExecutionContext, caller: AuthenticatedUser): void {
  const carrier = carrierOf(context);
  if (carrier) carrier[CALLER] = caller;
}

/** The caller a guard attached, if any. */
export function callerOf(context: ExecutionContext): AuthenticatedUser | undefined {
  return carrierOf(context)?.[CALLER];
}
