// @ts-check
/**
 * Secrets the registry generates for itself, shared by every replica through the database:
 * today the key that signs asset URLs of remotes limited to some groups.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('registry_secrets', table => {
    table.string('name', 64).primary().notNullable();
    table.string('value', 255).notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('registry_secrets');
};
