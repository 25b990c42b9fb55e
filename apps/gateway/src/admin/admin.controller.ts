import { ApiTags } from '@nestjs/swagger';
import {
  ADMIN_RPC_CLIENT,
  AdminContract,
  AdminPatterns,
  AdminUserDetail,
  AuditEventView,
  ClientInfoPayload,
  DomainError,
  ErrorCode,
  Page,
  PublicUser,
  RpcClient,
  SessionList,
  UpdatedUser,
} from '@app/common';
import { Body, Controller, Delete, Get, Header, HttpCode, Inject, Param, Patch, Query, UseGuards } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { HttpAuthGuard } from '../auth/http-auth.guard';
import { SessionCommands } from '../auth/session-commands';
import { Auth, Client, RequestAuth } from '../http/gateway-request';
import { ListAuditQueryDto } from './dto/list-audit-query.dto';
import { ListUsersQueryDto } from './dto/list-users-query.dto';
import { UpdateUserDto } from './dto/update-user.dto';

function userId(id: string): string {
  if (!isUUID(id)) throw new DomainError(ErrorCode.NotFound, 'No such user');
  return id;
}

/** /admin/*: forwarded to the admin-service with the caller's credential (it checks the role); session changes through SessionCommands. */
@ApiTags('administration')
@Controller('admin')
@UseGuards(HttpAuthGuard)
export class AdminController {
  constructor(
    @Inject(ADMIN_RPC_CLIENT) private readonly admin: RpcClient<AdminContract>,
    private readonly commands: SessionCommands,
  ) {}

  @Get('users')
  @Header('Cache-Control', 'no-store')
  listUsers(@Auth() auth: RequestAuth, @Query() query: ListUsersQueryDto): Promise<Page<PublicUser>> {
    return this.admin.send(AdminPatterns.ListUsers, { credential: auth.credential, ...query });
  }

  @Get('users/:id')
  @Header('Cache-Control', 'no-store')
  getUser(@Auth() auth: RequestAuth, @Param('id') id: string): Promise<AdminUserDetail> {
    return this.admin.send(AdminPatterns.GetUser, { credential: auth.credential, userId: userId(id) });
  }

  @Patch('users/:id')
  @Header('Cache-Control', 'no-store')
  updateUser(
    @Auth() auth: RequestAuth,
    @Param('id') id: string,
    @Body() dto: UpdateUserDto,
    @Client() client: ClientInfoPayload,
  ): Promise<UpdatedUser> {
    return this.commands.updateUser(auth, userId(id), dto, client);
  }

  @Get('users/:id/sessions')
  @Header('Cache-Control', 'no-store')
  userSessions(@Auth() auth: RequestAuth, @Param('id') id: string): Promise<SessionList> {
    return this.admin.send(AdminPatterns.ListUserSessions, { credential: auth.credential, userId: userId(id) });
  }

  @Delete('users/:id/sessions')
  @HttpCode(204)
  async revokeUserSessions(@Auth() auth: RequestAuth, @Param('id') id: string, @Client() client: ClientInfoPayload): Promise<void> {
    await this.commands.revokeUserSessions(auth, userId(id), client);
  }

  @Get('audit')
  @Header('Cache-Control', 'no-store')
  audit(@Auth() auth: RequestAuth, @Query() query: ListAuditQueryDto): Promise<Page<AuditEventView>> {
    return this.admin.send(AdminPatterns.ListAudit, { credential: auth.credential, ...query });
  }
}
