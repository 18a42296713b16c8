// @ts-check
/**
 * Remotes, their immutable versions and the files each version is made of. File bytes live in
 * the asset store, addressed by their SHA-384; rows only point at them.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('registry_remotes', table => {
    table.string('name', 64).primary().notNullable();
    table.string('owner', 255).notNullable();
    table.string('live_version', 64).nullable();
    table.string('created_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
  });
  await knex.schema.createTable('registry_versions', table => {
    table.string('remote_name', 64).notNullable().references('name').inTable('registry_remotes').onDelete('CASCADE');
    table.string('version', 64).notNullable();
    table.string('source', 16).notNullable();
    table.text('entry').notNullable();
    table.string('integrity', 128).nullable();
    table.string('content_digest', 128).notNullable();
    table.string('route', 255).notNullable();
    table.string('title', 255).notNullable();
    table.text('description').nullable();
    table.text('federation_manifest').notNullable();
    table.string('published_by', 255).notNullable();
    table.timestamp('published_at', { useTz: true }).notNullable();
    table.primary(['remote_name', 'version']);
  });
  await knex.schema.createTable('registry_files', table => {
    table.string('remote_name', 64).notNullable();
    table.string('version', 64).notNullable();
    table.string('path', 512).notNullable();
    table.string('digest', 128).notNullable();
    table.integer('size').notNullable();
    table.string('content_type', 128).notNullable();
    table.primary(['remote_name', 'version', 'path']);
    table
      .foreign(['remote_name', 'version'])
      .references(['remote_name', 'version'])
      .inTable('registry_versions')
      .onDelete('CASCADE');
    table.index(['digest']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('registry_files');
  await knex.schema.dropTable('registry_versions');
  await knex.schema.dropTable('registry_remotes');
};
