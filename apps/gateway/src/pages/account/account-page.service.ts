import { AUTH_RPC_CLIENT, AuthContract, AuthPatterns, RpcClient } from '@app/common';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RequestAuth } from '../../http/gateway-request';
import { Flash } from '../flash';
import { PageErrors } from '../page-errors';
import { PageRenderer } from '../page-renderer';
import {
  AccountRefusal,
  AccountSections,
  PasskeysSection,
  PasswordSection,
  ProfileSection,
  SessionsSection,
  TwoFactorSection,
} from './account-sections';
import { twoFactorSectionOf } from './two-factor-section';
import { describeUserAgent } from './user-agent-description';

/** Awaits each section's promise; a section is keyed by the name its partial reads. */
async function gathered<T extends object>(loaders: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const entries = await Promise.all(Object.entries(loaders).map(async ([name, loading]) => [name, await loading] as const));
  return Object.fromEntries(entries) as T;
}

/**
 * The account page (views/account.njk): one partial per section, and here one method per section
 * that gathers its data. A feature adds its section with one line in `sections` and its method.
 */
@Injectable()
export class AccountPageService {
  constructor(
    @Inject(AUTH_RPC_CLIENT) private readonly auth: RpcClient<AuthContract>,
    private readonly flash: Flash,
    private readonly renderer: PageRenderer,
    private readonly errors: PageErrors,
  ) {}

  async show(auth: RequestAuth, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const context = await this.context(auth, { flash: this.flash.take(request, reply) });
    this.renderer.render(reply, 'account', 200, context);
  }

  /** The page again, with a section's form refused: the answer's status is the error table's (400, 403, 409, 429…). */
  async showRefused(auth: RequestAuth, reply: FastifyReply, refusal: AccountRefusal): Promise<void> {
    const forms = { [refusal.section]: { errors: refusal.messages, values: refusal.values ?? {} } };
    this.errors.form(reply, 'account', refusal.failure, await this.context(auth, { forms }));
  }

  /** The page as the answer to a section's form, with what that form shows once (e.g. new recovery codes). */
  async showWith(auth: RequestAuth, reply: FastifyReply, shown: Record<string, unknown>): Promise<void> {
    this.renderer.render(reply, 'account', 200, await this.context(auth, shown));
  }

  private async context(auth: RequestAuth, extra: Record<string, unknown>): Promise<Record<string, unknown>> {
    const { user, csrfToken, mfaEnrolmentRequired } = auth.resolved;
    const sections = await this.sections(auth);
    return { user, csrfToken, isAdmin: user.roles.includes('admin'), mfaEnrolmentRequired, forms: {}, ...sections, ...extra };
  }

  private sections(auth: RequestAuth): Promise<AccountSections> {
    return gathered<AccountSections>({
      profile: this.profile(auth),
      password: this.password(auth),
      twoFactor: this.twoFactor(auth),
      passkeys: this.passkeys(auth),
      sessions: this.sessions(auth),
    });
  }

  /** From the session's user snapshot, which every email change or verification refreshes. */
  private profile(auth: RequestAuth): Promise<ProfileSection> {
    const { username, email, emailVerified } = auth.resolved.user;
    return Promise.resolve({ username, email, emailVerified });
  }

  private password(_auth: RequestAuth): Promise<PasswordSection> {
    return Promise.resolve({});
  }

  private async twoFactor(auth: RequestAuth): Promise<TwoFactorSection> {
    return twoFactorSectionOf(await this.auth.send(AuthPatterns.MfaStatus, { credential: auth.credential }));
  }

  private async passkeys(auth: RequestAuth): Promise<PasskeysSection> {
    const { items } = await this.auth.send(AuthPatterns.ListPasskeys, { credential: auth.credential });
    return { available: true, items };
  }

  private async sessions(auth: RequestAuth): Promise<SessionsSection> {
    const { items } = await this.auth.send(AuthPatterns.ListSessions, { credential: auth.credential });
    const views = items.map(({ userAgent, ...session }) => ({ ...session, ...describeUserAgent(userAgent) }));
    return { items: views, others: views.filter((session) => !session.current).length };
  }
}
