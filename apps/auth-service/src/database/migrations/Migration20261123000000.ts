import { Migration } from '@mikro-orm/migrations';

/**
 * Users and the audit log. Written with the portable schema builder (a fresh builder per table), so the same migration serves
 * SQLite and PostgreSQL.
 */
export class Migration20261123000000 extends Migration {
  override async up(): Promise<void> {
    const knex = this.getKnex();
    const statements = [
      ...knex.schema
        .createTable('users', (table) => {
          table.uuid('id').primary();
          table.string('username', 32).notNullable().unique();
          table.string('email', 254).nullable().unique();
          table.string('password_hash', 100).notNullable();
          table.json('roles').notNullable();
          table.boolean('active').notNullable().defaultTo(true);
          table.timestamp('created_at', { useTz: true }).notNullable();
          table.timestamp('updated_at', { useTz: true }).notNullable();
          table.timestamp('last_login_at', { useTz: true }).nullable();
        })
        .toSQL(),
      ...knex.schema
        .createTable('audit_events', (table) => {
          table.uuid('id').primary();
          table.string('type', 64).notNullable();
          table.uuid('user_id').nullable();
          table.uuid('actor_id').nullable();
          table.string('ip', 64).nullable();
          table.timestamp('at', { useTz: true }).notNullable();
          table.json('detail').notNullable();
          table.index(['user_id', 'id']);
          table.index(['type', 'id']);
        })
        .toSQL(),
    ];
    for (const statement of statements) this.addSql(statement.sql);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists audit_events');
    this.addSql('drop table if exists users');
  }
}
