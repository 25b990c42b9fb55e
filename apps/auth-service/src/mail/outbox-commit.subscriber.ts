import type { EventArgs, EventSubscriber, TransactionEventArgs } from '@mikro-orm/core';
import { OutboxMail } from './outbox-mail.entity';

/**
 * Calls `onCommitted` right after a transaction that inserted outbox mail commits, so the sender
 * delivers it at once instead of at its next poll (and never before the row is visible to it).
 * Transactions are told apart by their connection-level transaction object.
 */
export class OutboxCommitSubscriber implements EventSubscriber<OutboxMail> {
  private readonly staging = new WeakSet<object>();

  constructor(private readonly onCommitted: () => void) {}

  getSubscribedEntities() {
    return [OutboxMail];
  }

  afterCreate(args: EventArgs<OutboxMail>): void {
    const transaction: unknown = args.em.getTransactionContext();
    if (typeof transaction === 'object' && transaction !== null) this.staging.add(transaction);
    else this.onCommitted();
  }

  afterTransactionCommit(args: TransactionEventArgs): void {
    const transaction: unknown = args.transaction;
    if (typeof transaction === 'object' && transaction !== null && this.staging.delete(transaction)) this.onCommitted();
  }

  afterTransactionRollback(args: TransactionEventArgs): void {
    const transaction: unknown = args.transaction;
    if (typeof transaction === 'object' && transaction !== null) this.staging.delete(transaction);
  }
}
