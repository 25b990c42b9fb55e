import { plainToInstance } from 'class-transformer';
import { IsOptional, validateSync } from 'class-validator';
import { IsCanonicalEmail } from './canonical-email.field';

class EmailPayload {
  @IsOptional()
  @IsCanonicalEmail()
  email?: string;
}

function validated(plain: object): { email: unknown; errors: string[] } {
  const payload = plainToInstance(EmailPayload, plain);
  const errors = validateSync(payload).flatMap((error) => Object.values(error.constraints ?? {}));
  return { email: payload.email, errors };
}

describe('IsCanonicalEmail', () => {
  it('replaces an address by its canonical form and accepts it', () => {
    expect(validated({ email: 'Alice@Bücher.Example' })).toEqual({ email: 'alice@xn--bcher-kva.example', errors: [] });
    expect(validated({ email: 'jo\u0308rg@example.org' })).toEqual({ email: 'j\u00f6rg@example.org', errors: [] });
  });

  it('refuses a look-alike with a zero-width space, keeping the value as sent', () => {
    expect(validated({ email: 'ali\u200bce@example.org' })).toEqual({
      email: 'ali\u200bce@example.org',
      errors: ['email must be a valid address, without invisible or control characters'],
    });
  });

  it('refuses what is not an address or not a string, and leaves an absent one to IsOptional', () => {
    expect(validated({ email: 'a@b' }).errors).toHaveLength(1);
    expect(validated({ email: 42 }).errors).toHaveLength(1);
    expect(validated({ email: ['a@b.co'] }).errors).toHaveLength(1);
    expect(validated({})).toEqual({ email: undefined, errors: [] });
  });
});
