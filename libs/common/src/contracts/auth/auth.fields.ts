import { applyDecorators } from '@nestjs/common';
import { IsEmail, IsString, Matches, MaxLength, MinLength, ValidateBy, ValidationOptions } from 'class-validator';

export const USERNAME_PATTERN = /^[A-Za-z0-9_.-]{3,32}$/;
export const PASSWORD_MIN_BYTES = 8;
/** bcrypt reads at most 72 bytes; a longer password is refused, never silently cut. */
export const PASSWORD_MAX_BYTES = 72;

/** A username as the contract defines it: 3-32 characters of [A-Za-z0-9_.-]. */
export function IsUsername(): PropertyDecorator {
  return applyDecorators(
    IsString(),
    Matches(USERNAME_PATTERN, { message: 'username must be 3-32 characters of letters, digits, "_", "." or "-"' }),
  );
}

/** A password of 8 to 72 bytes of UTF-8. */
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
            return bytes >= PASSWORD_MIN_BYTES && bytes <= PASSWORD_MAX_BYTES;
          },
          defaultMessage: (args) => `${args?.property ?? 'password'} must be ${PASSWORD_MIN_BYTES} to ${PASSWORD_MAX_BYTES} bytes of UTF-8`,
        },
      },
      options,
    ),
  );
}

/** An optional e-mail address, bounded. */
export function IsEmailAddress(): PropertyDecorator {
  return applyDecorators(IsString(), MaxLength(254), MinLength(3), IsEmail({}, { message: 'email must be a valid address' }));
}
