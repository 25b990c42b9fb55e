import { Migration } from '@mikro-orm/migrations';

/**
 * Recovery codes of the second factor (issue 16): one row per code, only its SHA-256, spent once.
 * Portable schema builder: the same migration serves SQLite and PostgreSQL. Deleting a user deletes its codes.
 */
export class Migration20261212000000 extends Migration {
  override async up(): Promise<void> {
    const statements = this.getKnex()
      .schema.createTable('recovery_codes', (table) => {
        table.uuid('id').primary();
        table.uuid('user_id').notNullable().references('id').inTable('users').onDelete('cascade');
        table.string('code_hash', 64).notNullable();
        table.timestamp('created_at', { useTz: true }).notNullable();
        table.timestamp('used_at', { useTz: true }).nullable();
        table.index(['user_id', 'code_hash']);
      })
      .toSQL();
    for (const statement of statements) this.addSql(statement.sql);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists recovery_codes');
  }
}
