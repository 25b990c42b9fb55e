import { MikroOrmModule } from '@mikro-orm/nestjs';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { MigrationRunner } from './migration-runner';
import { ormOptions } from './mikro-orm.config';
import { Transactions } from './transactions';

/**
 * The SQL database for DATABASE_URL: MikroORM, the migrations (run at start-up), and Transactions for
 * every write. Each feature module declares the tables it owns with MikroOrmModule.forFeature.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(databaseUrl: string, debug: boolean): DynamicModule {
    return {
      module: DatabaseModule,
      // No HTTP here: each message opens its own context (orm-message-scope.ts).
      imports: [MikroOrmModule.forRoot({ ...ormOptions(databaseUrl, debug), registerRequestContext: false })],
      providers: [MigrationRunner, Transactions],
      exports: [Transactions],
    };
  }
}
