import { Module } from '@nestjs/common';
import { SigningKeys } from './signing-keys';
import { TokenService } from './token.service';
import { TokensController } from './tokens.controller';

/** Access tokens (ES256, signed with the current key) and refresh tokens; the JWKS. */
@Module({
  controllers: [TokensController],
  providers: [SigningKeys, TokenService],
  exports: [TokenService, SigningKeys],
})
export class TokensModule {}
