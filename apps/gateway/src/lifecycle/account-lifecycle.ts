import { AUTH_RPC_CLIENT, AuthContract, AuthPatterns, ClientInfoPayload, PublicUser, RpcClient, SessionResolver } from '@app/common';
import { Inject, Injectable } from '@nestjs/common';
import { RequestAuth } from '../http/gateway-request';

/**
 * The account-lifecycle calls the JSON API and the pages share. Those that change the user or end
 * sessions drop this gateway's cached resolutions of that user as soon as the auth-service answered
 * (its broadcast does the same for every other replica a moment later), so the next page shows it.
 */
@Injectable()
export class AccountLifecycle {
  constructor(
    @Inject(AUTH_RPC_CLIENT) private readonly auth: RpcClient<AuthContract>,
    private readonly resolver: SessionResolver,
  ) {}

  async forgotPassword(account: { email?: string; username?: string }, client: ClientInfoPayload): Promise<void> {
    await this.auth.send(AuthPatterns.ForgotPassword, { ...account, client });
  }

  /** Every session of that user is gone. */
  async resetPassword(token: string, newPassword: string, client: ClientInfoPayload): Promise<void> {
    const { userId } = await this.auth.send(AuthPatterns.ResetPassword, { token, newPassword, client });
    this.resolver.forget({ userId });
  }

  async verifyEmail(token: string, client: ClientInfoPayload): Promise<PublicUser> {
    return this.forgettingUser(await this.auth.send(AuthPatterns.VerifyEmail, { token, client }));
  }

  async resendVerification(caller: RequestAuth, client: ClientInfoPayload): Promise<void> {
    await this.auth.send(AuthPatterns.ResendVerification, { credential: caller.credential, client });
  }

  async resendVerificationForLogin(username: string, client: ClientInfoPayload): Promise<void> {
    await this.auth.send(AuthPatterns.ResendVerificationForLogin, { username, client });
  }

  async changeEmail(caller: RequestAuth, email: string, client: ClientInfoPayload): Promise<PublicUser> {
    return this.forgettingUser(await this.auth.send(AuthPatterns.ChangeEmail, { credential: caller.credential, email, client }));
  }

  private forgettingUser(user: PublicUser): PublicUser {
    this.resolver.forget({ userId: user.id });
    return user;
  }
}
