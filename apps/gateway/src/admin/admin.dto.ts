import { PickType } from '@nestjs/swagger';
import { AUDIT_TYPE_PATTERN, HasNoControlCharacters, UpdateUserPayload } from '@app/common';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';

/** Cursor pagination in a query string. */
export class PageQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(100)
  limit?: number;

  // Cursors are the last id of the previous page; anything else would reach the database as a bad uuid.
  @IsOptional()
  @IsUUID(undefined, { message: 'cursor is not a cursor' })
  cursor?: string;
}

/** GET /admin/users */
export class ListUsersQueryDto extends PageQueryDto {
  @IsOptional()
  @IsString()
  @MaxLength(254)
  @HasNoControlCharacters()
  query?: string;
}

/** GET /admin/audit */
export class ListAuditQueryDto extends PageQueryDto {
  @IsOptional()
  @IsUUID()
  userId?: string;

  @IsOptional()
  @IsString()
  @Matches(AUDIT_TYPE_PATTERN, { message: 'type is not an event type' })
  type?: string;
}

/** PATCH /admin/users/:id: the fields of the update message a client sends (the rules live on the payload). */
export class UpdateUserDto extends PickType(UpdateUserPayload, ['active', 'roles'] as const) {}
