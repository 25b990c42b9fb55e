import { ApiTags } from '@nestjs/swagger';
import { AUTH_RPC_CLIENT, AuthContract, AuthPatterns, ClientInfoPayload, Jwks, RpcClient, TokenResult } from '@app/common';
import { Body, Controller, Get, Header, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import { SameOriginGuard } from '../auth/same-origin.guard';
import { Client } from '../http/gateway-request';
import { TokenRequestDto } from './dto/token-request.dto';

/** API clients: the token endpoint and the JWKS. */
@ApiTags('tokens')
@Controller()
export class TokensController {
  constructor(@Inject(AUTH_RPC_CLIENT) private readonly auth: RpcClient<AuthContract>) {}

  /** A browser page elsewhere may not spend a user's password here either (an API client sends no Origin). */
  @Post('auth/token')
  @HttpCode(200)
  @UseGuards(SameOriginGuard)
  @Header('Cache-Control', 'no-store')
  @Header('Pragma', 'no-cache')
  token(@Body() dto: TokenRequestDto, @Client() client: ClientInfoPayload): Promise<TokenResult> {
    if (dto.grant_type === 'password') {
      return this.auth.send(AuthPatterns.PasswordGrant, {
        username: dto.username ?? '',
        password: dto.password ?? '',
        totp: dto.totp,
        client,
      });
    }
    return this.auth.send(AuthPatterns.RefreshGrant, { refreshToken: dto.refresh_token ?? '', client });
  }

  @Get('.well-known/jwks.json')
  @Header('Cache-Control', 'public, max-age=300')
  jwks(): Promise<Jwks> {
    return this.auth.send(AuthPatterns.GetJwks, {});
  }
}
