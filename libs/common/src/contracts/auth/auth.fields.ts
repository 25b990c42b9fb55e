import { applyDecorators } from '@nestjs/common';
import { IsCanonicalEmail } from './canonical-email.field';
import { IsString, Matches, MaxLength, MinLength, ValidateBy, ValidationOptions } from 'class-validator';

export const USERNAME_PATTERN = /^[A-Za-z0-9_.-]{3,32}$/;
export const PASSWORD_MIN_BYTES = 8;
/** bcrypt reads at most 72 bytes; a longer password is refused, never silently cut. */
export const PASSWORD_MAX_BYTES = 72;
/** True when a string holds a control character (NUL, CR, LF, ...). */
export function hasControlCharacter(value: string): boolean {
  for (let index = 0; index < value.length; index += 1) {
    const code = value.charCodeAt(index);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** A string without control characters: never part of a name or a search, and PostgreSQL refuses NUL in text. */
export function HasNoControlCharacters(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'hasNoControlCharacters',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && !hasControlCharacter(value),
        defaultMessage: (args) => `${args?.property ?? 'value'} must not contain control characters`,
      },
    },
    options,
  );
}

/** A username as the contract defines it: 3-32 characters of [A-Za-z0-9_.-]. */
export function IsUsername(): PropertyDecorator {
  return applyDecorators(
    IsString(),
    Matches(USERNAME_PATTERN, { message: 'username must be 3-32 characters of letters, digits, "_", "." or "-"' }),
  );
}

/**
 * The name typed into a login form: 1-64 characters without control characters. Looser than
 * IsUsername on purpose (a malformed name is just a wrong login, 401), but bounded and driver-safe.
 */
export function IsLoginName(options?: ValidationOptions): PropertyDecorator {
  return applyDecorators(IsString(options), MinLength(1, options), MaxLength(64, options), HasNoControlCharacters(options));
}

/** A password of 8 to 72 bytes of UTF-8, without NUL (bcrypt's C code stops at it: "a\0b" would equal "a"). */
export function IsPassword(options?: ValidationOptions): PropertyDecorator {
  return applyDecorators(
    IsString(options),
    ValidateBy(
      {
        name: 'isPasswordLength',
        validator: {
          validate: (value: unknown) => {
            if (typeof value !== 'string') return false;
            const bytes = Buffer.byteLength(value, 'utf8');
            return bytes >= PASSWORD_MIN_BYTES && bytes <= PASSWORD_MAX_BYTES && !value.includes('\u0000');
          },
          defaultMessage: (args) =>
            `${args?.property ?? 'password'} must be ${PASSWORD_MIN_BYTES} to ${PASSWORD_MAX_BYTES} bytes of UTF-8, without NUL`,
        },
      },
      options,
    ),
  );
}

/** An e-mail address, bounded, replaced by its canonical form (see IsCanonicalEmail; pair with IsOptional where it may be absent). */
export function IsEmailAddress(): PropertyDecorator {
  return applyDecorators(IsString(), IsCanonicalEmail());
}

/** A TOTP code as typed: six digits (RFC 6238, 6 digits). */
export const TOTP_CODE_PATTERN = /^[0-9]{6}$/;

/** A six-digit TOTP code. */
export function IsTotpCode(options?: ValidationOptions): PropertyDecorator {
  return applyDecorators(IsString(options), Matches(TOTP_CODE_PATTERN, { message: 'totp must be 6 digits', ...options }));
}

/** A refresh token as presented: a bounded, non-empty string (its format is the auth-service's to check). */
export function IsRefreshToken(options?: ValidationOptions): PropertyDecorator {
  return applyDecorators(IsString(options), MinLength(1, options), MaxLength(512, options));
}
