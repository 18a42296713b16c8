import { targetPaths } from '@backstage/cli-common';
import { ConfigSources } from '@backstage/config-loader';
import { existsSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';

/** Where a config key is written. */
export interface ConfigLocation {
  file: string;
  line: number;
}

/** Finds the line a key path (`['portico', 'permissions', 'roles', 1]`) is written on. */
export type ConfigLocator = (path: Array<string | number>) => ConfigLocation | undefined;

/**
 * The YAML files the backend reads its configuration from, the way Backstage picks them:
 * `--config` arguments, or else app-config.yaml, app-config.<BACKSTAGE_ENV>.yaml and their
 * .local variants in the repository root. Later files override earlier ones.
 */
export function defaultConfigFiles(argv: string[] = process.argv): string[] {
  const targets = ConfigSources.parseArgs(argv)
    .filter(target => target.type === 'path')
    .map(target => resolve(target.target));
  if (targets.length > 0) return targets;
  const root = targetPaths.rootDir;
  const envs = (process.env.BACKSTAGE_ENV ?? '')
    .split(',')
    .map(env => env.trim())
    .filter(Boolean);
  return [
    'app-config.yaml',
    ...envs.map(env => `app-config.${env}.yaml`),
    'app-config.local.yaml',
    ...envs.map(env => `app-config.${env}.local.yaml`),
  ]
    .map(name => resolve(root, name))
    .filter(file => existsSync(file));
}

/** The line of the deepest part of `path` the file writes, and how deep that is. */
function deepestIn(file: string, path: Array<string | number>): { line: number; depth: number } | undefined {
  const lineCounter = new LineCounter();
  const document = parseDocument(readFileSync(file, 'utf8'), { lineCounter });
  let node: unknown = document.contents;
  let found: { offset: number; depth: number } | undefined;
  for (const [depth, segment] of path.entries()) {
    let next: { offset?: number; node: unknown } | undefined;
    if (isMap(node)) {
      const pair = node.items.find(item => (item.key as { value?: unknown } | null)?.value === segment);
      if (pair) next = { offset: (pair.key as { range?: number[] }).range?.[0], node: pair.value };
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as { range?: number[] } | undefined;
      if (item) next = { offset: item.range?.[0], node: item };
    }
    if (!next || next.offset === undefined) break;
    found = { offset: next.offset, depth: depth + 1 };
    node = next.node;
  }
  return found && { line: lineCounter.linePos(found.offset).line, depth: found.depth };
}

/**
 * A locator over the given files, read afresh on each call (they change on reload). It answers
 * the line of the key, or of its deepest ancestor written (a missing key is reported where its
 * parent is), preferring the file that writes most of the path and, among equals, the last one
 * (later files override earlier ones in Backstage's merge). Paths are only looked for in files
 * that write at least their first two segments (`portico.permissions`).
 */
export function createConfigLocator(files: string[]): ConfigLocator {
  return path => {
    let best: (ConfigLocation & { depth: number }) | undefined;
    for (const file of files) {
      try {
        const found = deepestIn(file, path);
        if (found && found.depth >= Math.min(2, path.length) && (!best || found.depth >= best.depth)) {
          best = { file: basename(file), ...found };
        }
      } catch {
        // An unreadable or unparsable file cannot tell us the line; the key path still can.
      }
    }
    return best && { file: best.file, line: best.line };
  };
}
