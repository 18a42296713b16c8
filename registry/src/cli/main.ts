import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  REMOTE_DESCRIPTOR_FILE,
  RemoteDescriptor,
  RemoteSummary,
} from '@portico/contract';
import { callRegistry, ClientOptions } from './client';
import { packDirectory } from './pack';

const USAGE = `Usage: portico <command> [options]

Commands:
  publish <dir>            upload a built remote (its dist folder) and make it live
  publish <manifest-url> --name N --version V --route R --title T --owner O [--description D]
                           register a remote hosted elsewhere by its mf-manifest.json URL
      --no-live            publish only; do not move the live pointer
  live <remote> <version>  make an already published version live
  list                     list remotes, their versions and which one is live

Options:
  --json                   print machine-readable JSON only
  -h, --help               show this help

Environment:
  PORTICO_BACKEND_URL      the backend (default http://localhost:7007)
  PORTICO_TOKEN            a token the backend accepts (a static external-access token)`;

interface Output {
  json: boolean;
  step(message: string): void;
  progress(label: string, sent: number, total: number): void;
  result(value: unknown, text: string): void;
}

function createOutput(json: boolean): Output {
  let lastPercent = -1;
  return {
    json,
    step(message) {
      if (!json) process.stderr.write(`• ${message}\n`);
    },
    progress(label, sent, total) {
      if (json) return;
      const percent = Math.floor((sent / total) * 100);
      if (percent === lastPercent) return;
      lastPercent = percent;
      const line = `  ${label} ${percent}% (${formatBytes(sent)} of ${formatBytes(total)})`;
      process.stderr.write(process.stderr.isTTY ? `\r${line}` : percent === 100 ? `${line}\n` : '');
      if (process.stderr.isTTY && percent === 100) process.stderr.write('\n');
    },
    result(value, text) {
      process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${text}\n`);
    },
  };
}

function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

async function publish(client: ClientOptions, out: Output, dir: string, makeLive: boolean) {
  const folder = resolve(dir);
  const descriptor = JSON.parse(
    await readFile(join(folder, REMOTE_DESCRIPTOR_FILE), 'utf8').catch(() => {
      throw new Error(`${join(folder, REMOTE_DESCRIPTOR_FILE)} not found: build the remote first (npm run build)`);
    }),
  ) as RemoteDescriptor;
  out.step(`Packing ${descriptor.name}@${descriptor.version} from ${folder}`);
  const { archive, files, bytes } = await packDirectory(folder);
  out.step(`Uploading ${files} files (${formatBytes(bytes)}, ${formatBytes(archive.length)} gzipped)`);
  const published = await callRegistry<{ created: boolean; version: unknown }>(
    client,
    'POST',
    `/remotes/${encodeURIComponent(descriptor.name)}/versions`,
    { contentType: 'application/gzip', bytes: archive },
    (sent, total) => out.progress('upload', sent, total),
  );
  out.step(
    published.body.created
      ? `Published ${descriptor.name}@${descriptor.version}`
      : `${descriptor.name}@${descriptor.version} was already published with these exact files`,
  );
  let live: RemoteSummary | undefined;
  if (makeLive) {
    live = (await setLiveQuietly(client, descriptor.name, descriptor.version)).body;
  }
  out.result(
    { name: descriptor.name, version: descriptor.version, created: published.body.created, live: live?.liveVersion ?? null },
    makeLive ? `${descriptor.name}@${descriptor.version} is live at ${descriptor.route}` : `${descriptor.name}@${descriptor.version} uploaded (not live)`,
  );
}

interface ExternalOptions {
  name?: string;
  version?: string;
  route?: string;
  title?: string;
  owner?: string;
  description?: string;
}

async function publishExternal(client: ClientOptions, out: Output, manifestUrl: string, options: ExternalOptions, makeLive: boolean) {
  const missing = (['name', 'version', 'route', 'title', 'owner'] as const).filter(key => !options[key]);
  if (missing.length > 0) {
    throw new Error(`publishing by URL needs ${missing.map(key => `--${key}`).join(', ')}`);
  }
  const { name, ...rest } = options;
  out.step(`Registering ${name}@${options.version} from ${manifestUrl}`);
  const published = await callRegistry<{ created: boolean }>(client, 'POST', `/remotes/${encodeURIComponent(name!)}/versions`, {
    contentType: 'application/json',
    bytes: Buffer.from(JSON.stringify({ manifestUrl, ...rest })),
  });
  if (makeLive) {
    await setLiveQuietly(client, name!, options.version!);
  }
  out.result(
    { name, version: options.version, created: published.body.created, live: makeLive ? options.version : null },
    makeLive ? `${name}@${options.version} is live at ${options.route}` : `${name}@${options.version} registered (not live)`,
  );
}

function setLiveQuietly(client: ClientOptions, name: string, version: string) {
  return callRegistry<RemoteSummary>(client, 'PUT', `/remotes/${encodeURIComponent(name)}/live`, {
    contentType: 'application/json',
    bytes: Buffer.from(JSON.stringify({ version })),
  });
}

async function setLive(client: ClientOptions, out: Output, name: string, version: string) {
  const { body } = await setLiveQuietly(client, name, version);
  out.result(body, `${name}@${body.liveVersion} is live at ${body.route}`);
}

async function list(client: ClientOptions, out: Output) {
  const { body } = await callRegistry<{ remotes: RemoteSummary[] }>(client, 'GET', '/remotes');
  const lines = body.remotes.map(remote => {
    const versions = remote.versions
      .map(v => (v.version === remote.liveVersion ? `${v.version} (live)` : v.version))
      .join(', ');
    return `${remote.name.padEnd(20)} ${remote.route.padEnd(14)} ${remote.owner.padEnd(32)} ${versions}`;
  });
  out.result(body, lines.length ? lines.join('\n') : 'No remotes are registered yet.');
}

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
  const client: ClientOptions = {
    backendUrl: process.env.PORTICO_BACKEND_URL ?? 'http://localhost:7007',
    token: process.env.PORTICO_TOKEN,
  };
  try {
    if (command === 'publish' && args.length === 1 && /^https?:\/\//.test(args[0])) {
      await publishExternal(client, out, args[0], values, !values['no-live']);
    } else if (command === 'publish' && args.length === 1) {
      await publish(client, out, args[0], !values['no-live']);
    } else if (command === 'live' && args.length === 2) {
      await setLive(client, out, args[0], args[1]);
    } else if (command === 'list' && args.length === 0) {
      await list(client, out);
    } else {
      process.stderr.write(`Unknown command or wrong arguments: ${positionals.join(' ')}\n\n${USAGE}\n`);
      return 2;
    }
    return 0;
  } catch (error) {
    const message = (error as Error).message;
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ error: message })}\n`);
    }
    process.stderr.write(`portico: ${message}\n`);
    return 1;
  }
}
