import { coreServices, createServiceFactory } from '@backstage/backend-plugin-api';
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';

/**
 * A database service that gives each plugin its own fresh test database, as production does
 * (plugins' migrations would collide in a shared one). Databases are created one at a time:
 * TestDatabases creates its engine on the first `init`, and two concurrent first calls each
 * create one, the first of which is then never shut down (its pool keeps jest from exiting).
 */
export function perPluginDatabases(databases: TestDatabases, databaseId: TestDatabaseId) {
  let queue: Promise<unknown> = Promise.resolve();
  const init = (): Promise<Knex> => {
    const next = queue.then(() => databases.init(databaseId));
    queue = next.catch(() => undefined);
    return next;
  };
  return createServiceFactory({
    service: coreServices.database,
    deps: { plugin: coreServices.pluginMetadata },
    async factory() {
      const knex = await init();
      return { getClient: async () => knex };
    },
  });
}
