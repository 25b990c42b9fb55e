import { Migration } from '@mikro-orm/migrations';

/** The mail outbox. Written with the portable schema builder, so the same migration serves SQLite and PostgreSQL. */
export class Migration20261201000000 extends Migration {
  override async up(): Promise<void> {
    const knex = this.getKnex();
    const statements = knex.schema
      .createTable('outbox_mails', (table) => {
        table.uuid('id').primary();
        table.string('kind', 32).notNullable();
        table.string('recipient', 254).notNullable();
        table.string('subject', 255).notNullable();
        table.text('text').nullable();
        table.text('html').nullable();
        table.text('link').nullable();
        table.timestamp('expires_at', { useTz: true }).nullable();
        table.string('status', 16).notNullable();
        table.integer('attempts').notNullable().defaultTo(0);
        table.timestamp('next_attempt_at', { useTz: true }).notNullable();
        table.timestamp('locked_until', { useTz: true }).nullable();
        table.uuid('claim_token').nullable();
        table.string('last_error', 500).nullable();
        table.timestamp('created_at', { useTz: true }).notNullable();
        table.timestamp('sent_at', { useTz: true }).nullable();
        // The sender's question, "which pending mail is due?", is answered from this index.
        table.index(['status', 'next_attempt_at']);
      })
      .toSQL();
    for (const statement of statements) this.addSql(statement.sql);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists outbox_mails');
  }
}
