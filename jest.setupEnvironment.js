// Node's test environment, plus one rule: a test file's timers end with the test file.
//
// Jest runs many test files one after another in the same worker process. A timer that a file
// leaves pending keeps running there and fires while a later file runs; if it then touches
// something the first file has closed (a database its TestDatabases destroyed, say), the error
// fails that later, unrelated file. Libraries under Backstage start such timers and offer no way
// to stop them: the auth backend's session store (connect-session-knex, used when
// `auth.session.secret` is set) deletes expired sessions every 60 s, forever. So every timer a
// test file starts is tracked; when the file ends, those still pending are cleared, and each
// one not known to be harmless is reported with where it was started, so that new leaks show
// (PORTICO_TIMER_STACKS=1 prints the whole stack that started it).
const path = require('node:path');
const { promisify } = require('node:util');
const { TestEnvironment } = require('jest-environment-node');

/** Timers that libraries leave behind by design, cleared without a word. */
const EXPECTED_LEFTOVERS = [
  // The auth backend's session store cleans up every 60 s and is never stopped (see above).
  '/node_modules/connect-session-knex/',
];

/** How many tracked timers may pile up before those that ended unseen are forgotten. */
const PRUNE_EVERY = 1000;

/**
 * A timer a test file started: which function started it, its delay and the stack it started at.
 * @typedef {{ kind: string; delay: number; stack: string }} PendingTimer
 */

/**
 * The test file's setTimeout or setInterval (Node's), as the wrapper below calls it: it passes on
 * whatever it is given, a callback that is not a function included (Node then throws as usual).
 * @typedef {((this: unknown, callback: unknown, delay?: unknown, ...args: unknown[]) => NodeJS.Timeout)
 *   & { [promisify.custom]?: unknown }} SetTimer
 */

/**
 * The test file's clearTimeout or clearInterval.
 * @typedef {(this: unknown, handle: unknown) => void} ClearTimer
 */

/**
 * Forgets timers that fired or were cleared through node:timers (as tarn clears its intervals),
 * which the wrappers below do not see. `_destroyed` is how Node marks such a timer.
 */
/** @param {Map<NodeJS.Timeout, PendingTimer>} pending */
function forgetFinished(pending) {
  for (const handle of pending.keys()) {
    if (/** @type {NodeJS.Timeout & { _destroyed?: boolean }} */ (handle)._destroyed) pending.delete(handle);
  }
}

/**
 * The first stack frame outside this file: where a timer was started.
 * @param {string} stack
 * @param {string} rootDir
 * @returns {string}
 */
function originOf(stack, rootDir) {
  const frame = stack
    .split('\n')
    .slice(1)
    .map(line => line.trim())
    .find(line => !line.includes(__filename));
  return (frame ?? 'an unknown place').replace(/^at /, '').split(`${rootDir}${path.sep}`).join('');
}

class TimerOwningEnvironment extends TestEnvironment {
  /** @type {Map<NodeJS.Timeout, PendingTimer>} */
  #pending = new Map();
  /** @type {string} */
  #rootDir;
  /** @type {string} */
  #testPath;

  /**
   * @param {import('@jest/environment').JestEnvironmentConfig} config
   * @param {import('@jest/environment').EnvironmentContext} context
   */
  constructor(config, context) {
    super(config, context);
    this.#rootDir = config.globalConfig.rootDir;
    this.#testPath = path.relative(this.#rootDir, context.testPath);
    this.#track('setTimeout', 'clearTimeout', false);
    this.#track('setInterval', 'clearInterval', true);
  }

  /**
   * Replaces the test file's setName and clearName with wrappers that track the timers it starts.
   * @param {'setTimeout' | 'setInterval'} setName
   * @param {'clearTimeout' | 'clearInterval'} clearName
   * @param {boolean} repeats whether a timer keeps running after it fires (setInterval)
   */
  #track(setName, clearName, repeats) {
    // Read and replaced by name: the wrappers are not typed as Node's overloaded timer functions.
    /** @type {Record<string, unknown>} */
    const global = this.global;
    const set = /** @type {SetTimer} */ (global[setName]);
    const clear = /** @type {ClearTimer} */ (global[clearName]);
    const pending = this.#pending;
    /** @type {SetTimer} */
    const tracked = function (callback, delay, ...args) {
      if (typeof callback !== 'function') return set.call(this, callback, delay, ...args);
      const holder = { stack: '' };
      Error.captureStackTrace(holder);
      const handle = set.call(
        this,
        /**
         * @this {unknown}
         * @param {unknown[]} callbackArgs
         */
        function (...callbackArgs) {
          if (!repeats) pending.delete(handle);
          return callback.apply(this, callbackArgs);
        },
        delay,
        ...args,
      );
      pending.set(handle, { kind: setName, delay: Number(delay) || 0, stack: holder.stack });
      if (pending.size % PRUNE_EVERY === 0) forgetFinished(pending);
      return handle;
    };
    // util.promisify(setTimeout) must keep resolving after the delay, as Node's own does.
    if (set[promisify.custom]) tracked[promisify.custom] = set[promisify.custom];
    global[setName] = tracked;
    /** @type {ClearTimer} */
    const clearTracked = function (handle) {
      // Anything not tracked (a number, undefined) is simply not in the map.
      pending.delete(/** @type {NodeJS.Timeout} */ (handle));
      return clear.call(this, handle);
    };
    global[clearName] = clearTracked;
  }

  async teardown() {
    const unexpected = [];
    forgetFinished(this.#pending);
    for (const [handle, timer] of this.#pending) {
      clearTimeout(handle);
      const origin = originOf(timer.stack, this.#rootDir);
      if (!EXPECTED_LEFTOVERS.some(expected => timer.stack.includes(expected))) {
        const where = process.env.PORTICO_TIMER_STACKS === '1' ? `\n${timer.stack}` : origin;
        unexpected.push(`  ${timer.kind} (${timer.delay} ms) started at ${where}`);
      }
    }
    this.#pending.clear();
    if (unexpected.length > 0) {
      process.stderr.write(
        `\n${this.#testPath} left ${unexpected.length} timer(s) pending when it ended; they were cleared so ` +
          `that they cannot fire into the next test file. Stop what the file starts in its teardown:\n` +
          `${[...new Set(unexpected)].join('\n')}\n`,
      );
    }
    await super.teardown();
  }
}

module.exports = TimerOwningEnvironment;
