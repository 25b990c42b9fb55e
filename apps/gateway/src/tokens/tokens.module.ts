import { Module } from '@nestjs/common';
import { TokensController } from './tokens.controller';

/** The token endpoint for API clients (password and refresh grants) and the JWKS. */
@Module({ controllers: [TokensController] })
export class TokensModule {}
