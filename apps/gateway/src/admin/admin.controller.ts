import { ApiTags } from '@nestjs/swagger';
import { AdminUserDetail, AuditEventView, ClientInfoPayload, DomainError, ErrorCode, Page, PublicUser, SessionListItem } from '@app/common';
import { Body, Controller, Delete, Get, Header, HttpCode, Param, Patch, Query, UseGuards } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { HttpAuthGuard } from '../auth/http-auth.guard';
import { AdminServiceClient } from '../clients/admin-service.client';
import { Auth, Client, RequestAuth } from '../http/gateway-request';
import { ListAuditQueryDto, ListUsersQueryDto, UpdateUserDto } from './admin.dto';

function userId(id: string): string {
  if (!isUUID(id)) throw new DomainError(ErrorCode.NotFound, 'No such user');
  return id;
}

/** /admin/*: forwarded to the admin-service with the caller's credential (it checks the role). */
@ApiTags('administration')
@Controller('admin')
@UseGuards(HttpAuthGuard)
export class AdminController {
  constructor(private readonly admin: AdminServiceClient) {}

  @Get('users')
  @Header('Cache-Control', 'no-store')
  listUsers(@Auth() auth: RequestAuth, @Query() query: ListUsersQueryDto): Promise<Page<PublicUser>> {
    return this.admin.listUsers({ credential: auth.credential, ...query });
  }

  @Get('users/:id')
  @Header('Cache-Control', 'no-store')
  getUser(@Auth() auth: RequestAuth, @Param('id') id: string): Promise<AdminUserDetail> {
    return this.admin.getUser({ credential: auth.credential, userId: userId(id) });
  }

  @Patch('users/:id')
  @Header('Cache-Control', 'no-store')
  updateUser(
    @Auth() auth: RequestAuth,
    @Param('id') id: string,
    @Body() dto: UpdateUserDto,
    @Client() client: ClientInfoPayload,
  ): Promise<{ user: PublicUser }> {
    return this.admin.updateUser({ credential: auth.credential, userId: userId(id), ...dto, client });
  }

  @Get('users/:id/sessions')
  @Header('Cache-Control', 'no-store')
  userSessions(@Auth() auth: RequestAuth, @Param('id') id: string): Promise<{ items: SessionListItem[] }> {
    return this.admin.listUserSessions({ credential: auth.credential, userId: userId(id) });
  }

  @Delete('users/:id/sessions')
  @HttpCode(204)
  async revokeUserSessions(@Auth() auth: RequestAuth, @Param('id') id: string, @Client() client: ClientInfoPayload): Promise<void> {
    await this.admin.revokeUserSessions({ credential: auth.credential, userId: userId(id), client });
  }

  @Get('audit')
  @Header('Cache-Control', 'no-store')
  audit(@Auth() auth: RequestAuth, @Query() query: ListAuditQueryDto): Promise<Page<AuditEventView>> {
    return this.admin.listAudit({ credential: auth.credential, ...query });
  }
}
