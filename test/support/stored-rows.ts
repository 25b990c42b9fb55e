import Sqlite from 'libsql';
import { Client as PgClient } from 'pg';

/**
 * Reads rows straight from a running system's database (DATABASE_URL as the services got it): for
 * tests that check what is at rest (a secret only as ciphertext, a code only as a hash).
 */
export async function selectRows(databaseUrl: string, sql: string, params: unknown[]): Promise<Array<Record<string, unknown>>> {
  if (databaseUrl.startsWith('sqlite:')) {
    const db = new Sqlite(databaseUrl.slice('sqlite:'.length), { readonly: true });
    try {
      return db.prepare(sql).all(...params) as Array<Record<string, unknown>>;
    } finally {
      db.close();
    }
  }
  const url = new URL(databaseUrl);
  const schema = url.searchParams.get('schema');
  url.search = '';
  const client = new PgClient({ connectionString: url.toString() });
  await client.connect();
  try {
    if (schema) await client.query(`set search_path to "${schema.replace(/"/g, '')}"`);
    // PostgreSQL numbers its placeholders: `?` in the shared SQL becomes $1, $2, …
    let index = 0;
    return (
      await client.query(
        sql.replace(/\?/g, () => `$${++index}`),
        params,
      )
    ).rows as Array<Record<string, unknown>>;
  } finally {
    await client.end();
  }
}
