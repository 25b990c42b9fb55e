import { ApiTags } from '@nestjs/swagger';
import { ClientInfoPayload, Jwks, TokenResult } from '@app/common';
import { Body, Controller, Get, Header, HttpCode, Post } from '@nestjs/common';
import { AuthServiceClient } from '../clients/auth-service.client';
import { Client } from '../http/gateway-request';
import { TokenRequestDto } from './dto/token-request.dto';

/** API clients: the token endpoint and the JWKS. */
@ApiTags('tokens')
@Controller()
export class TokensController {
  constructor(private readonly auth: AuthServiceClient) {}

  @Post('auth/token')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @Header('Pragma', 'no-cache')
  token(@Body() dto: TokenRequestDto, @Client() client: ClientInfoPayload): Promise<TokenResult> {
    if (dto.grant_type === 'password') {
      return this.auth.passwordGrant({ username: dto.username ?? '', password: dto.password ?? '', client });
    }
    return this.auth.refreshGrant({ refreshToken: dto.refresh_token ?? '', client });
  }

  @Get('.well-known/jwks.json')
  @Header('Cache-Control', 'public, max-age=300')
  jwks(): Promise<Jwks> {
    return this.auth.jwks();
  }
}
