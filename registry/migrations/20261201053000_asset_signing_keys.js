// @ts-check
/**
 * Rotating keys for signed asset URLs: one key per generation (a fixed number of signing
 * periods), so a key that leaks stops working once its generation has passed. Replaces the
 * single key that never changed.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('registry_asset_signing_keys', table => {
    table.integer('generation').primary().notNullable();
    table.string('key', 128).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex('registry_secrets').where({ name: 'asset-signing-key' }).delete();
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('registry_asset_signing_keys');
};
