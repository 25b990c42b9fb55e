import { AllowWithoutMfa, FreshnessGuard, RequireFresh } from '@app/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Controller, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Auth, RequestAuth } from '../../http/gateway-request';
import { PageAuthGuard } from '../page-auth.guard';
import { PageErrorFilter } from '../page-error.filter';
import { AccountTwoFactorService } from './account-two-factor.service';

/**
 * The two-factor section's forms on /account. Open to a role that must still enrol (this is where it
 * does); the changes need a fresh session, else /reauthenticate?next=/account first.
 */
@ApiExcludeController()
@Controller('account/two-factor')
@UseFilters(PageErrorFilter)
@UseGuards(PageAuthGuard, FreshnessGuard)
@AllowWithoutMfa()
export class AccountTwoFactorController {
  constructor(private readonly twoFactor: AccountTwoFactorService) {}

  @Post('setup')
  @RequireFresh()
  setup(@Auth() auth: RequestAuth, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.twoFactor.setup(auth, request, reply);
  }

  @Post('confirm')
  confirm(@Auth() auth: RequestAuth, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.twoFactor.confirm(auth, request, reply);
  }

  @Post('disable')
  @RequireFresh()
  disable(@Auth() auth: RequestAuth, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.twoFactor.disable(auth, request, reply);
  }

  @Post('recovery-codes')
  @RequireFresh()
  regenerate(@Auth() auth: RequestAuth, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.twoFactor.regenerate(auth, request, reply);
  }
}
