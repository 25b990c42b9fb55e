import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { TokensController } from './tokens.controller';

/** The token endpoint for API clients (password and refresh grants) and the JWKS. */
@Module({ imports: [AuthModule], controllers: [TokensController] })
export class TokensModule {}
