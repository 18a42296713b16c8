import { parseArgs } from 'node:util';
import * as commands from './commands';
import { createOutput } from './output';
import { createRegistryConnection } from './registryConnection';

const USAGE = `Usage: portico <command> [options]

Commands:
  publish <dir>                      upload a built remote (its dist folder) and make it live
  publish <manifest-url> --name N --version V --route R --title T --owner O [--description D]
                                     register a remote hosted elsewhere by its mf-manifest.json URL
      --no-live                      publish only; do not make it live
  promote <remote> <version>         make a version live for everyone (completes a canary)
      --percent N                    start or change a canary: N% of users get this version
  rollback <remote>                  cancel a canary, or move live back to the previous version
  live <remote> <version>            the same as promote without --percent
  deprecate <remote> [version] --sunset DATE [--message TEXT]
                                     after the sunset the remote (or version) cannot be promoted
  status <remote>                    versions, tracks, visibility and history of a remote
  list                               every remote you may see, with its tracks
  visibility <remote> [group...]     limit who sees a remote (no groups: everyone)
  shell-contract [--shell-dir DIR]   register the shared versions the shell in DIR provides
  audit [remote]                     the registry's audit trail (administrators)

Options:
  --json                             print machine-readable JSON only
  -h, --help                         show this help

Environment:
  PORTICO_BACKEND_URL                the backend (default http://localhost:7007)
  PORTICO_TOKEN                      a token the backend accepts (a static external-access token)`;

/** Runs the CLI; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        'no-live': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        name: { type: 'string' },
        version: { type: 'string' },
        route: { type: 'string' },
        title: { type: 'string' },
        owner: { type: 'string' },
        description: { type: 'string' },
        percent: { type: 'string' },
        sunset: { type: 'string' },
        message: { type: 'string' },
        'shell-dir': { type: 'string', default: 'shell' },
      },
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...args] = positionals;
  if (values.help || !command) {
    process.stdout.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const out = createOutput(values.json);
  const connection = createRegistryConnection({
    backendUrl: process.env.PORTICO_BACKEND_URL ?? 'http://localhost:7007',
    token: process.env.PORTICO_TOKEN,
  });
  const registry = connection.client;
  const percent = values.percent === undefined ? undefined : Number(values.percent);
  if (percent !== undefined && !Number.isInteger(percent)) {
    process.stderr.write(`--percent must be a whole number from 1 to 100, got ${values.percent}\n`);
    return 2;
  }

  const run: Record<string, [(n: number) => boolean, () => Promise<void>]> = {
    publish: [
      n => n === 1,
      () =>
        /^https?:\/\//.test(args[0])
          ? commands.publishUrl(registry, out, args[0], values, !values['no-live'])
          : commands.publishDirectory(registry, out, args[0], !values['no-live']),
    ],
    promote: [n => n === 2, () => commands.promote(registry, out, args[0], args[1], percent)],
    live: [n => n === 2, () => commands.promote(registry, out, args[0], args[1])],
    rollback: [n => n === 1, () => commands.rollback(registry, out, args[0])],
    deprecate: [n => n === 1 || n === 2, () => commands.deprecate(registry, out, args[0], args[1], values)],
    status: [n => n === 1, () => commands.status(registry, out, args[0])],
    list: [n => n === 0, () => commands.list(registry, out)],
    visibility: [n => n >= 1, () => commands.setVisibility(registry, out, args[0], args.slice(1))],
    'shell-contract': [n => n === 0, () => commands.registerShellContract(registry, out, values['shell-dir']!)],
    audit: [n => n <= 1, () => commands.audit(registry, out, args[0])],
  };
  const entry = run[command];
  if (!entry || !entry[0](args.length)) {
    process.stderr.write(`Unknown command or wrong arguments: ${positionals.join(' ')}\n\n${USAGE}\n`);
    return 2;
  }
  try {
    await entry[1]();
    return 0;
  } catch (error) {
    const message = connection.describeError(error);
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ error: message })}\n`);
    }
    process.stderr.write(`portico: ${message}\n`);
    return 1;
  }
}
