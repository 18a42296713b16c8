import { DatabaseService, resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

/** Opens the plugin's database and brings its tables up to date, unless the backend skips migrations. */
export async function migrateRegistryDatabase(database: DatabaseService): Promise<Knex> {
  const knex = await database.getClient();
  if (!database.migrations?.skip) {
    await knex.migrate.latest({
      directory: resolvePackagePath('@portico/plugin-registry-backend', 'migrations'),
    });
  }
  return knex;
}
