import { DomainError, ErrorCode } from '@app/common';
import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SessionCommands } from '../../auth/session-commands';
import { RequestAuth, clientInfoOf } from '../../http/gateway-request';
import { Flash } from '../flash';
import { AccountPageService } from './account-page.service';

/** The account page's passkey form: remove one (the same command as DELETE /auth/passkeys/:id), then back. */
@Injectable()
export class AccountPasskeysService {
  constructor(
    private readonly commands: SessionCommands,
    private readonly page: AccountPageService,
    private readonly flash: Flash,
  ) {}

  async remove(auth: RequestAuth, passkeyId: string, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    try {
      await this.commands.removePasskey(auth, passkeyId, clientInfoOf(request));
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== ErrorCode.NotFound) throw error;
      return this.page.showRefused(auth, reply, { section: 'passkeys', failure: error, messages: ['That passkey no longer exists.'] });
    }
    this.flash.set(reply, 'passkey-removed');
    reply.redirect('/account', 303);
  }
}
