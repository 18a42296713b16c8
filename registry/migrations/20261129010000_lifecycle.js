// @ts-check
/**
 * Release lifecycle: a canary track beside the live pointer, the history of live-pointer moves
 * (what rollback walks back), deprecation, visibility, the shell's shared-dependency contract,
 * and the audit trail of every registry action.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('registry_remotes', table => {
    table.string('canary_version', 64).nullable();
    table.integer('canary_percent').nullable();
    // JSON array of group refs that may see the remote; null means everyone signed in.
    table.text('visible_to').nullable();
    table.timestamp('sunset_at', { useTz: true }).nullable();
    table.text('deprecation_message').nullable();
  });
  await knex.schema.alterTable('registry_versions', table => {
    table.timestamp('sunset_at', { useTz: true }).nullable();
    table.text('deprecation_message').nullable();
  });
  await knex.schema.createTable('registry_live_history', table => {
    table.increments('id');
    table.string('remote_name', 64).notNullable().references('name').inTable('registry_remotes').onDelete('CASCADE');
    table.string('kind', 32).notNullable();
    table.string('from_version', 64).nullable();
    table.string('to_version', 64).nullable();
    table.string('actor', 255).notNullable();
    table.timestamp('at', { useTz: true }).notNullable();
    table.index(['remote_name', 'id']);
  });
  await knex.schema.createTable('registry_shell_contracts', table => {
    table.increments('id');
    table.text('shared').notNullable();
    table.string('registered_by', 255).notNullable();
    table.timestamp('registered_at', { useTz: true }).notNullable();
  });
  await knex.schema.createTable('registry_audit', table => {
    table.increments('id');
    table.timestamp('at', { useTz: true }).notNullable();
    table.string('actor', 255).notNullable();
    table.string('action', 64).notNullable();
    table.string('remote_name', 64).nullable();
    table.string('from_version', 64).nullable();
    table.string('to_version', 64).nullable();
    table.string('outcome', 16).notNullable();
    table.text('detail').nullable();
    table.index(['at']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('registry_audit');
  await knex.schema.dropTable('registry_shell_contracts');
  await knex.schema.dropTable('registry_live_history');
  await knex.schema.alterTable('registry_versions', table => {
    table.dropColumn('sunset_at');
    table.dropColumn('deprecation_message');
  });
  await knex.schema.alterTable('registry_remotes', table => {
    table.dropColumn('canary_version');
    table.dropColumn('canary_percent');
    table.dropColumn('visible_to');
    table.dropColumn('sunset_at');
    table.dropColumn('deprecation_message');
  });
};
