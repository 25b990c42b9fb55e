import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ValidateBy, ValidationOptions } from 'class-validator';
import { canonicalEmail } from '../../input/canonical-email';

/**
 * An e-mail address, replaced by its canonical form (NFC, punycode domain, lower case) when the payload is
 * transformed, and refused when it has none (invisible or control characters, not an address, past 254
 * bytes). Pair it with IsOptional() where the address may be absent. The service still calls
 * canonicalEmail() itself before the uniqueness check: it trusts no caller's shapes.
 */
export function IsCanonicalEmail(options?: ValidationOptions): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? (canonicalEmail(value) ?? value) : value)),
    ValidateBy(
      {
        name: 'isCanonicalEmail',
        validator: {
          validate: (value: unknown) => typeof value === 'string' && canonicalEmail(value) !== null,
          defaultMessage: (args) => `${args?.property ?? 'email'} must be a valid address, without invisible or control characters`,
        },
      },
      options,
    ),
  );
}
