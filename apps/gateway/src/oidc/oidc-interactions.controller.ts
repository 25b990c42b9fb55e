import { AllowWithoutMfa } from '@app/common';
import { Controller, Get, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PageErrorFilter } from '../pages/page-error.filter';
import { OidcInteractionsService } from './oidc-interactions.service';

/** The provider's login and consent steps, as gateway pages (errors render as HTML). */
@ApiExcludeController()
@Controller('oidc/interaction')
@UseFilters(PageErrorFilter)
export class OidcInteractionsController {
  constructor(private readonly interactions: OidcInteractionsService) {}

  @Get(':uid')
  @AllowWithoutMfa()
  show(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.interactions.show(request, reply);
  }

  @Post(':uid/consent')
  @AllowWithoutMfa()
  decide(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.interactions.decide(request, reply);
  }
}
