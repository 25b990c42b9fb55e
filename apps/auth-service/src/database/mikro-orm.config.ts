import { Options } from '@mikro-orm/core';
import { Logger } from '@nestjs/common';
import { LibSqlDriver } from '@mikro-orm/libsql';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { AuditEvent } from '../audit/audit-event.entity';
import { OutboxMail } from '../mail/outbox-mail.entity';
import { Passkey } from '../passkeys/passkey.entity';
import { RecoveryCode } from '../mfa/recovery-code.entity';
import { User } from '../users/user.entity';
import { Migration20261123000000 } from './migrations/Migration20261123000000';
import { Migration20261201000000 } from './migrations/Migration20261201000000';
import { Migration20261210000000 } from './migrations/Migration20261210000000';
import { Migration20261212000000 } from './migrations/Migration20261212000000';
import { Migration20261213000000 } from './migrations/Migration20261213000000';

/** The committed migrations, listed so they run the same from sources, tests and the build. */
const migrationsList = [
  { name: 'Migration20261123000000', class: Migration20261123000000 },
  { name: 'Migration20261201000000', class: Migration20261201000000 },
  { name: 'Migration20261210000000', class: Migration20261210000000 },
  { name: 'Migration20261212000000', class: Migration20261212000000 },
  { name: 'Migration20261213000000', class: Migration20261213000000 },
];

/** MikroORM's lines (migrations, SQL with DB_DEBUG) go through the service's JSON logger, not raw to stdout. */
const ormLogger = new Logger('MikroORM');

const DATABASE_ACQUIRE_TIMEOUT_MS = 1500;

/** Distinct SQL texts whose prepared statements an SQLite connection keeps (the app issues a few dozen). */
const SQLITE_STATEMENT_CACHE_SIZE = 256;

interface SqliteConnection {
  prepare(sql: string): unknown;
}

/**
 * knex prepares every SQLite query anew; libsql's prepare (parse and plan) was the costliest native
 * call on the admin listing. A statement is re-run from the start by every `all`/`get`/`run`, so one
 * per SQL text is safe to reuse on its connection (SQLite calls are synchronous: no interleaving).
 */
function cachePreparedStatements(connection: SqliteConnection, done: (error: Error | null, connection: unknown) => void): void {
  const prepare = connection.prepare.bind(connection);
  const statements = new Map<string, unknown>();
  connection.prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (statement === undefined) {
      statement = prepare(sql);
      if (statements.size < SQLITE_STATEMENT_CACHE_SIZE) statements.set(sql, statement);
    }
    return statement;
  };
  done(null, connection);
}

/** MikroORM options for DATABASE_URL: PostgreSQL for postgres://, else an SQLite file. */
export function ormOptions(databaseUrl: string, debug = false): Options {
  const common = {
    entities: [User, AuditEvent, OutboxMail, Passkey, RecoveryCode],
    extensions: [Migrator],
    migrations: { migrationsList, transactional: true, allOrNothing: true, snapshot: false },
    debug,
    logger: (message: string) => ormLogger.log(message),
    colors: false,
    allowGlobalContext: false,
    forceUtcTimezone: true,
    discovery: { warnWhenNoEntities: false },
  } satisfies Options;
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    const url = new URL(databaseUrl);
    // `?schema=name` puts every table (and the migrations table) in that schema via search_path.
    const schema = url.searchParams.get('schema');
    url.searchParams.delete('schema');
    return {
      ...common,
      driver: PostgreSqlDriver,
      clientUrl: url.toString(),
      // A database that is down must fail a query in well under the transport timeout (→ 503), not
      // leave it waiting for knex's default 60 s connection acquisition.
      pool: { min: 0, max: 10, acquireTimeoutMillis: DATABASE_ACQUIRE_TIMEOUT_MS },
      ...(schema ? { schema, driverOptions: { connection: { options: `-c search_path=${schema}` } } } : {}),
    } as Options;
  }
  const file = databaseUrl.replace(/^(sqlite|file):(\/\/)?/, '');
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  return { ...common, driver: LibSqlDriver, dbName: file, pool: { afterCreate: cachePreparedStatements } } as Options;
}
