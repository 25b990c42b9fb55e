import { DomainError, ErrorCode, ListAuditPayload, strictValidationPipe } from '@app/common';
import { ListAuditQueryDto } from '../admin/dto/list-audit-query.dto';
import { ListUsersQueryDto } from '../admin/dto/list-users-query.dto';

const pipe = strictValidationPipe();

async function query(dto: unknown, value: Record<string, unknown>): Promise<unknown> {
  return pipe.transform(value, { type: 'query', metatype: dto as never });
}

async function messagesOf(dto: unknown, value: Record<string, unknown>): Promise<string[]> {
  try {
    await query(dto, value);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(ErrorCode.ValidationFailed);
    return ([] as string[]).concat((error as DomainError).publicMessage);
  }
}

describe('query DTOs derived from payloads', () => {
  it('turn a numeric field from query-string text into the number the payload validates', async () => {
    expect(await query(ListUsersQueryDto, { limit: '5', query: 'ali' })).toEqual({ limit: 5, query: 'ali' });
  });

  it.each([
    ['text', 'five'],
    ['a fraction', '2.5'],
    ['zero', '0'],
    ['over the maximum', '101'],
    ['repeated', ['1', '2']],
  ])('refuse a limit that is %s, with the payload message', async (_name, limit) => {
    const messages = await messagesOf(ListUsersQueryDto, { limit });
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.every((message) => message.startsWith('limit'))).toBe(true);
  });

  it('apply the payload rules to text fields unchanged', async () => {
    expect(await messagesOf(ListAuditQueryDto, { type: 'Not An Event', userId: 'nope', cursor: 'x' })).toEqual(
      expect.arrayContaining(['type is not an event type', 'cursor is not a cursor']),
    );
    expect(await messagesOf(ListUsersQueryDto, { query: 'a\u0000b' })).toEqual(['query must not contain control characters']);
  });

  it('take only the picked fields: the credential a payload carries is not a query parameter', async () => {
    expect(await messagesOf(ListAuditQueryDto, { credential: 'x' })).toEqual(['property credential should not exist']);
  });

  it('leave the payload class itself without the conversion', async () => {
    const messages = await strictValidationPipe()
      .transform({ limit: '5', credential: { kind: 'session', token: 't' } }, { type: 'body', metatype: ListAuditPayload })
      .then(
        () => [],
        (error: DomainError) => ([] as string[]).concat(error.publicMessage),
      );
    expect(messages).toContain('limit must be a whole number');
  });
});
