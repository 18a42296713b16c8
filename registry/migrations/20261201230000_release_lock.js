// @ts-check
/**
 * The one lock every release (promote, canary, rollback) holds while it checks that no other
 * remote serves an overlapping route and moves its pointers. Locking each remote's own row is not
 * enough: two remotes promoted at once onto nested routes would each see the other's route free.
 * PostgreSQL locks the single row of this table (`FOR UPDATE`); SQLite serialises writers anyway.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('registry_release_lock', table => {
    table.integer('id').primary().notNullable();
  });
  await knex('registry_release_lock').insert({ id: 1 });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('registry_release_lock');
};
