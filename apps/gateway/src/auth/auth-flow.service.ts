import {
  AUTH_RPC_CLIENT,
  AuthContract,
  AuthPatterns,
  ClientInfoPayload,
  DomainError,
  ErrorCode,
  LoginOutcome,
  LoginResult,
  PasskeyLoginPayload,
  RpcClient,
  SESSION_ID_PATTERN,
  isMfaChallenge,
} from '@app/common';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RequestAuth, bearerCredentialOf, clientInfoOf } from '../http/gateway-request';
import { CookieSessions } from './cookie-sessions';
import { SessionCommands } from './session-commands';
import { SessionCookie } from './session-cookie';

/** A login as the browser or API client sends it: the fields of LoginPayload a caller fills in. */
export interface LoginCredentials {
  username: string;
  password: string;
  remember?: boolean;
}

/** The second step of a login: the password step's token and one code (TOTP or recovery). */
export interface SecondFactorLogin {
  mfaToken: string;
  totp?: string;
  recoveryCode?: string;
}

/**
 * The browser-facing session flows, each written once for the JSON API and the pages: logging in,
 * logging out, and the session changes that touch the `sid` cookie.
 */
@Injectable()
export class AuthFlowService {
  constructor(
    @Inject(AUTH_RPC_CLIENT) private readonly auth: RpcClient<AuthContract>,
    private readonly commands: SessionCommands,
    private readonly sessions: CookieSessions,
    private readonly cookie: SessionCookie,
  ) {}

  /**
   * The one login call (passport-local's strategy and the login form both make it). A login always
   * starts a new session: once it succeeded, the session the browser had before (if any) is ended, so
   * the old token does not stay alive behind the new cookie. Setting the cookie is the caller's.
   */
  async login(request: FastifyRequest, credentials: LoginCredentials): Promise<LoginOutcome> {
    const client = clientInfoOf(request);
    const outcome = await this.auth.send(AuthPatterns.Login, { ...credentials, remember: credentials.remember === true, client });
    // An account with TOTP has no new session yet: the old one lives until the second step succeeds.
    if (!isMfaChallenge(outcome)) await this.endPreviousSession(request, client);
    return outcome;
  }

  /** A passkey sign-in (POST /auth/passkeys/authentication): a new session, and the previous one ended, as `login`. */
  async loginWithPasskey(request: FastifyRequest, response: PasskeyLoginPayload['response'], remember?: boolean): Promise<LoginResult> {
    const client = clientInfoOf(request);
    const result = await this.auth.send(AuthPatterns.PasskeyLogin, { response, remember: remember === true, client });
    await this.endPreviousSession(request, client);
    return result;
  }

  /** The second step of a login with TOTP (issue 16): answers as a login does, and ends the browser's previous session too. */
  async completeSecondFactor(request: FastifyRequest, code: SecondFactorLogin): Promise<LoginResult> {
    const client = clientInfoOf(request);
    const result = await this.auth.send(AuthPatterns.LoginSecondFactor, { ...code, client });
    await this.endPreviousSession(request, client);
    return result;
  }

  private async endPreviousSession(request: FastifyRequest, client: ClientInfoPayload): Promise<void> {
    const previous = this.cookie.read(request);
    if (previous) await this.commands.logout({ kind: 'session', token: previous }, client);
  }

  /**
   * The one logout, for POST /auth/logout and POST /logout: idempotent (without a live session it
   * only clears the cookie), but a live cookie session must pass the CSRF check first.
   */
  async logout(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const credential = bearerCredentialOf(request) ?? (await this.sessions.authenticate(request))?.credential;
    if (credential) await this.commands.logout(credential, clientInfoOf(request));
    this.cookie.clear(reply);
  }

  /** Revoking the session in use ends it for this browser too: the cookie is cleared. */
  async revokeSession(auth: RequestAuth, sessionId: string, reply: FastifyReply): Promise<void> {
    if (!SESSION_ID_PATTERN.test(sessionId)) throw new DomainError(ErrorCode.NotFound, 'No such session');
    await this.commands.revokeSession(auth, sessionId);
    if (sessionId === auth.resolved.session.id && auth.credential.kind === 'session') this.cookie.clear(reply);
  }

  /** A cookie session is rotated by a password change: the browser gets the new cookie. */
  async changePassword(
    auth: RequestAuth,
    request: FastifyRequest,
    reply: FastifyReply,
    passwords: { currentPassword: string; newPassword: string },
  ): Promise<void> {
    const session = await this.commands.changePassword(auth, passwords, clientInfoOf(request));
    if (session) this.cookie.set(reply, session);
  }
}
