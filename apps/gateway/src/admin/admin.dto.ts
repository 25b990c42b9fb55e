import { AUDIT_TYPE_PATTERN, HasNoControlCharacters, ROLE_PATTERN } from '@app/common';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';

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

/** PATCH /admin/users/:id */
export class UpdateUserDto {
  // ValidateIf instead of IsOptional: null is a wrong type here, not "leave unchanged".
  @ValidateIf((_object: object, value: unknown) => value !== undefined)
  @IsBoolean()
  active?: boolean;

  @ValidateIf((_object: object, value: unknown) => value !== undefined)
  @IsArray()
  @ArrayMaxSize(16)
  @IsString({ each: true })
  @Matches(ROLE_PATTERN, { each: true, message: 'each role must be 1-32 characters of a-z, 0-9, "_" or "-"' })
  roles?: string[];
}
