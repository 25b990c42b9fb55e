import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { HasNoControlCharacters } from '../auth/auth.fields';
import { AuthenticatedPayload, ClientInfoPayload } from '../auth/credential.payload';

export const ROLE_PATTERN = /^[a-z][a-z0-9_-]{0,31}$/;
export const AUDIT_TYPE_PATTERN = /^[a-z][a-z0-9_.]{0,63}$/;

/** Cursor pagination shared by every admin list. */
export class PageQueryPayload extends AuthenticatedPayload {
  @IsOptional()
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(100)
  limit?: number;

  // Cursors are the last id of the previous page; anything else would reach the database as a bad uuid.
  @IsOptional()
  @IsUUID(undefined, { message: 'cursor is not a cursor' })
  cursor?: string;
}

/** Users list: `query` matches a case-insensitive prefix of the username or e-mail. */
export class ListUsersPayload extends PageQueryPayload {
  @IsOptional()
  @IsString()
  @MaxLength(254)
  @HasNoControlCharacters()
  query?: string;
}

/** Audit log query. */
export class ListAuditPayload extends PageQueryPayload {
  @IsOptional()
  @IsUUID()
  userId?: string;

  @IsOptional()
  @IsString()
  @Matches(AUDIT_TYPE_PATTERN, { message: 'type is not an event type' })
  type?: string;
}

/** Names one user. */
export class UserIdPayload extends AuthenticatedPayload {
  @IsUUID()
  userId!: string;
}

/** An admin action on one user, with where it came from for the audit log. */
export class UserActionPayload extends UserIdPayload {
  @IsDefined()
  @ValidateNested()
  @Type(() => ClientInfoPayload)
  client!: ClientInfoPayload;
}

/** Enable or disable a user, or set their roles. */
export class UpdateUserPayload extends UserActionPayload {
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
