// Persistence tests must run on PostgreSQL too, and say so loudly when they cannot.
// Backstage's TestDatabases silently skips PostgreSQL without this variable, so we set it here
// (to the local server this project's machines run) and check that the server answers.
const { Client } = require('pg');

const VARIABLE = 'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';
const DEFAULT_CONNECTION = 'postgresql://postgres@127.0.0.1:5432/postgres';

module.exports = async function globalSetup() {
  if (process.env.PORTICO_SKIP_POSTGRES === '1') {
    delete process.env[VARIABLE];
    console.warn('\n*** PORTICO_SKIP_POSTGRES=1: persistence tests run on SQLite ONLY. ***\n');
    return;
  }
  process.env[VARIABLE] ??= DEFAULT_CONNECTION;
  const client = new Client({ connectionString: process.env[VARIABLE], connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${process.env[VARIABLE]} (${error instanceof Error ? error.message : String(error)}). ` +
        `Start it (see README), point ${VARIABLE} at one, or set PORTICO_SKIP_POSTGRES=1 to run on SQLite only.`,
    );
  } finally {
    await client.end().catch(() => {});
  }
};
