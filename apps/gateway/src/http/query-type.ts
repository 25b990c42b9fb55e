import { Type as ClassType } from '@nestjs/common';
import { PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';

/**
 * A query-string DTO derived from a message payload class: the picked fields keep the payload's rules
 * (validation, OpenAPI), and those the payload declares as numbers are first converted from the text a
 * query string carries (`?limit=5`), so "5" validates as the payload's 5 would and "five" fails the same rule.
 */
export function QueryType<T, K extends keyof T & string>(payload: ClassType<T>, keys: readonly K[]): ClassType<Pick<T, K>> {
  const query = PickType(payload, keys);
  for (const key of keys) {
    if (Reflect.getMetadata('design:type', payload.prototype, key) === Number) Type(() => Number)(query.prototype, key);
  }
  return query;
}
