import { ApiTags } from '@nestjs/swagger';
import { ADMIN_RPC_CLIENT, AUTH_RPC_CLIENT, AdminContract, AdminPatterns, AuthContract, AuthPatterns, RpcClient } from '@app/common';
import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';

/** Liveness (the process runs) and readiness (Redis, the database, the auth and admin services answer). */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(AUTH_RPC_CLIENT) private readonly auth: RpcClient<AuthContract>,
    @Inject(ADMIN_RPC_CLIENT) private readonly admin: RpcClient<AdminContract>,
  ) {}

  @Get('live')
  @HttpCode(200)
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<{ status: string; checks: Record<string, string> }> {
    const [auth, admin] = await Promise.allSettled([this.auth.send(AuthPatterns.Health, {}), this.admin.send(AdminPatterns.Health, {})]);
    const checks: Record<string, string> = {
      authService: auth.status === 'fulfilled' ? 'ok' : 'unavailable',
      adminService: admin.status === 'fulfilled' ? 'ok' : 'unavailable',
      redis: auth.status === 'fulfilled' ? (auth.value.checks.redis ?? 'unknown') : 'unknown',
      database: auth.status === 'fulfilled' ? (auth.value.checks.database ?? 'unknown') : 'unknown',
    };
    const ok = Object.values(checks).every((value) => value === 'ok');
    reply.status(ok ? 200 : 503);
    if (!ok) reply.header('Retry-After', '5');
    reply.header('Cache-Control', 'no-store');
    return { status: ok ? 'ok' : 'error', checks };
  }
}
