import { Migration } from '@mikro-orm/migrations';

/**
 * What the account lifecycle needs on a user: a verified e-mail, TOTP (the secret only as ciphertext,
 * the last accepted time step), and a count of passkeys kept beside the passkeys themselves so the one
 * user mapping needs no join. Portable schema builder: the same migration serves SQLite and PostgreSQL;
 * every new column is nullable or has a default, so existing rows read as unverified, without factors.
 */
export class Migration20261210000000 extends Migration {
  override async up(): Promise<void> {
    const statements = this.getKnex()
      .schema.alterTable('users', (table) => {
        table.timestamp('email_verified_at', { useTz: true }).nullable();
        table.text('totp_secret').nullable();
        table.timestamp('totp_enabled_at', { useTz: true }).nullable();
        table.bigInteger('totp_last_step').nullable();
        table.integer('passkey_count').notNullable().defaultTo(0);
      })
      .toSQL();
    for (const statement of statements) this.addSql(statement.sql);
  }

  override async down(): Promise<void> {
    // Plain DROP COLUMN (PostgreSQL, SQLite 3.35+): knex would rebuild the whole table on SQLite.
    for (const column of ['email_verified_at', 'totp_secret', 'totp_enabled_at', 'totp_last_step', 'passkey_count']) {
      this.addSql(`alter table users drop column ${column}`);
    }
  }
}
