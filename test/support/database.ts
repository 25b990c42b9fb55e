import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client as PgClient } from 'pg';
import { Database, POSTGRES_URL } from './system';

/**
 * A fresh, empty database for a test that runs the ORM in-process: an SQLite file in a temp folder,
 * or a PostgreSQL schema of its own in database `test`. `drop()` removes it.
 */
export class ScratchDatabase {
  private constructor(
    readonly database: Database,
    /** A DATABASE_URL for it. */
    readonly url: string,
    private readonly drops: () => Promise<void>,
  ) {}

  static async create(database: Database): Promise<ScratchDatabase> {
    const id = randomBytes(4).toString('hex');
    if (database === 'postgres') {
      const schema = `t_${id}`;
      await withPg((client) => client.query(`create schema ${schema}`));
      return new ScratchDatabase(database, `${POSTGRES_URL}?schema=${schema}`, async () => {
        await withPg((client) => client.query(`drop schema if exists ${schema} cascade`));
      });
    }
    const directory = mkdtempSync(join(tmpdir(), 'auth-db-'));
    return new ScratchDatabase(database, `sqlite:${join(directory, 'auth.sqlite')}`, async () => {
      rmSync(directory, { recursive: true, force: true });
    });
  }

  drop(): Promise<void> {
    return this.drops();
  }
}

async function withPg<T>(work: (client: PgClient) => Promise<T>): Promise<T> {
  const client = new PgClient({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
