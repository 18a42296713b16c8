import { FSWatcher, readFileSync, watch } from 'node:fs';
import { basename, dirname } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';

/** How long to wait for an editor to finish writing before reading a changed file. */
const SETTLE_MS = 100;

/**
 * Reports config files that stop parsing as YAML. Backstage's config watcher delivers nothing
 * for such a file and, with config-loader 1.11.5, stops delivering later changes as well (until
 * a restart) without a word; this makes the failure visible with its file and line. The watchers
 * never keep the process alive. Returns a function that stops watching.
 */
export function watchConfigSyntax(files: string[], onError: (message: string) => void): () => void {
  const watchers: FSWatcher[] = [];
  const timers = new Map<string, NodeJS.Timeout>();
  const reported = new Map<string, string>();

  function check(file: string) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return; // Mid-replace by an editor; the next event reads it.
    }
    const lineCounter = new LineCounter();
    const [error] = parseDocument(text, { lineCounter }).errors;
    if (!error) {
      reported.delete(file);
      return;
    }
    const line = lineCounter.linePos(error.pos[0]).line;
    const reason = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    const message =
      `Config file ${basename(file)} does not parse at line ${line}: ${reason}. ` +
      'The permission policy in force stays; Backstage stops watching config files after such an error, ' +
      'so fix the file and restart the backend to apply further changes.';
    if (reported.get(file) === message) return;
    reported.set(file, message);
    onError(message);
  }

  for (const directory of new Set(files.map(dirname))) {
    try {
      const watcher = watch(directory, { persistent: false }, (_event, name) => {
        const file = files.find(candidate => dirname(candidate) === directory && basename(candidate) === String(name));
        if (!file) return;
        clearTimeout(timers.get(file));
        timers.set(file, setTimeout(() => check(file), SETTLE_MS).unref());
      });
      watchers.push(watcher);
    } catch {
      // A directory that cannot be watched only loses this early warning.
    }
  }
  return () => {
    for (const watcher of watchers) watcher.close();
    for (const timer of timers.values()) clearTimeout(timer);
  };
}
