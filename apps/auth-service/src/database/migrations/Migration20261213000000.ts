import { Migration } from '@mikro-orm/migrations';

/**
 * Passkeys (issue 17): one row per WebAuthn credential, bound to its user (deleted with the user).
 * Portable schema builder: the same migration serves SQLite and PostgreSQL.
 */
export class Migration20261213000000 extends Migration {
  override async up(): Promise<void> {
    const statements = this.getKnex()
      .schema.createTable('passkeys', (table) => {
        table.uuid('id').primary();
        table.uuid('user_id').notNullable().references('id').inTable('users').onDelete('cascade');
        table.string('credential_id', 1024).notNullable().unique();
        table.text('public_key').notNullable();
        table.bigInteger('sign_count').notNullable().defaultTo(0);
        table.json('transports').notNullable();
        table.string('name', 64).notNullable();
        table.timestamp('created_at', { useTz: true }).notNullable();
        table.timestamp('last_used_at', { useTz: true }).nullable();
        table.index(['user_id', 'id']);
      })
      .toSQL();
    for (const statement of statements) this.addSql(statement.sql);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists passkeys');
  }
}
