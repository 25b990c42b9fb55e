import { MessageScope } from '@app/common';
import { MikroORM, RequestContext } from '@mikro-orm/core';

/**
 * A fresh MikroORM context (identity map) per message, guards included: the HTTP middleware that
 * does this for web apps never runs for transport messages.
 */
export function ormMessageScope(orm: MikroORM): MessageScope {
  return (handle) => RequestContext.create(orm.em, handle);
}
