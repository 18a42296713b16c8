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
 * Forgets timers that fired or were cleared through node:timers (as tarn clears its intervals),
 * which the wrappers below do not see. `_destroyed` is how Node marks such a timer.
 */
function forgetFinished(pending) {
  for (const handle of pending.keys()) {
    if (handle._destroyed) pending.delete(handle);
  }
}

/** The first stack frame outside this file: where a timer was started. */
function originOf(stack, rootDir) {
  const frame = stack
    .split('\n')
    .slice(1)
    .map(line => line.trim())
    .find(line => !line.includes(__filename));
  return (frame ?? 'an unknown place').replace(/^at /, '').split(`${rootDir}${path.sep}`).join('');
}

class TimerOwningEnvironment extends TestEnvironment {
  /** @type {Map<NodeJS.Timeout, { kind: string; delay: number; stack: string }>} */
  #pending = new Map();
  #rootDir;
  #testPath;

  constructor(config, context) {
    super(config, context);
    this.#rootDir = config.globalConfig.rootDir;
    this.#testPath = path.relative(this.#rootDir, context.testPath);
    this.#track('setTimeout', 'clearTimeout', false);
    this.#track('setInterval', 'clearInterval', true);
  }

  #track(setName, clearName, repeats) {
    const global = this.global;
    const set = global[setName];
    const clear = global[clearName];
    const pending = this.#pending;
    const tracked = function (callback, delay, ...args) {
      if (typeof callback !== 'function') return set.call(this, callback, delay, ...args);
      const holder = { stack: '' };
      Error.captureStackTrace(holder);
      const handle = set.call(
        this,
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
    global[clearName] = function (handle) {
      pending.delete(handle);
      return clear.call(this, handle);
    };
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
