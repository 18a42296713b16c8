import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';

/**
 * The databases persistence tests run on: SQLite always, PostgreSQL 15 through
 * BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING, which jest's global setup sets (and
 * checks) so that PostgreSQL cases are never skipped without saying so.
 */
export function createTestDatabases(): TestDatabases {
  const ids: TestDatabaseId[] = ['SQLITE_3'];
  if (process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING) {
    ids.push('POSTGRES_15');
  }
  return TestDatabases.create({ ids, disableDocker: true });
}
