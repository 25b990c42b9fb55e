import { AUDIT_TYPE_PATTERN, ROLE_PATTERN } from '@app/common';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';

/** Cursor pagination in a query string. */
export class PageQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(100)
  limit?: number;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'cursor is not a cursor' })
  cursor?: string;
}

/** GET /admin/users */
export class ListUsersQueryDto extends PageQueryDto {
  @IsOptional()
  @IsString()
  @MaxLength(254)
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

/** PATCH /admin/users/:id */
export class UpdateUserDto {
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(16)
  @IsString({ each: true })
  @Matches(ROLE_PATTERN, { each: true, message: 'each role must be 1-32 characters of a-z, 0-9, "_" or "-"' })
  roles?: string[];
}
