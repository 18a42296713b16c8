/*
 * `npm run new:remote -- <name> --owner <group> [--title T] [--route /r] [--container id] [--description D]`
 *
 * Scaffolds remotes/<name>: a Backstage frontend plugin built with the contract's webpack helper,
 * which `npm start` in its folder builds and publishes to the local portal.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { scaffoldRemote } from './lib/scaffoldRemote';

const USAGE =
  'Usage: npm run new:remote -- <name> --owner <group> [--title T] [--route /r] [--container id] [--description D]';

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      owner: { type: 'string' },
      title: { type: 'string' },
      route: { type: 'string' },
      container: { type: 'string' },
      description: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || positionals.length !== 1) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(values.help ? 0 : 2);
  }
  const root = resolve(__dirname, '..');
  const { dir, files } = await scaffoldRemote({
    root,
    name: positionals[0],
    owner: values.owner ?? '',
    title: values.title,
    route: values.route,
    container: values.container,
    description: values.description,
  });
  const relativeDir = dir.slice(root.length + 1);
  process.stdout.write(
    `Created ${relativeDir}:\n${files.map(file => `  ${file}`).join('\n')}\n\n` +
      `Next:\n  cd ${relativeDir} && npm start     ` +
      '# build and publish to the portal started with `npm start` at the root\n',
  );
}

main().catch(error => {
  process.stderr.write(`new:remote: ${error instanceof Error ? error.message : error}\n${USAGE}\n`);
  process.exit(1);
});
