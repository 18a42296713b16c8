import {
  AuditorService,
  AuthService,
  BackstageCredentials,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { RegistryAction, RemoteSummary } from '@portico/contract';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import {
  auditQuerySchema,
  deprecateSchema,
  describeZodError,
  externalPublishSchema,
  promoteSchema,
  remoteNameSchema,
  setLiveSchema,
  shellContractSchema,
  versionSchema,
  visibilitySchema,
} from './bundle/schemas';
import { RegistryConfig } from './config';
import { UnprocessableError, UnsupportedMediaTypeError } from './errors';
import {
  registryAuditReadPermission,
  registryRemoteAdministerPermission,
  registryRemoteDeprecatePermission,
  registryRemotePromotePermission,
  registryRemotePublishPermission,
  registryRemoteReadPermission,
  RegistryRemoteResource,
  registryRemoteRollbackPermission,
  registryShellContractRegisterPermission,
} from './permissions';
import { AssetSigner } from './services/AssetSigner';
import { RegistryAuthorizer } from './services/RegistryAuthorizer';
import {
  describeCompatibilityProblems,
  RemoteRegistryService,
  StoredRemote,
} from './services/RemoteRegistry';

/** Media types a publish upload may use: a gzipped tar of the remote's dist folder. */
export const ARCHIVE_MEDIA_TYPES = ['application/gzip', 'application/x-gzip', 'application/x-tgz'];

export interface RouterOptions {
  registry: RemoteRegistryService;
  authorizer: RegistryAuthorizer;
  httpAuth: HttpAuthService;
  auth: AuthService;
  auditor: AuditorService;
  signer: AssetSigner;
  config: RegistryConfig;
}

/** The actions a summary reports, with the permission each one needs. */
const ACTION_PERMISSIONS: Array<[RegistryAction, typeof registryRemotePublishPermission]> = [
  ['publish', registryRemotePublishPermission],
  ['promote', registryRemotePromotePermission],
  ['rollback', registryRemoteRollbackPermission],
  ['deprecate', registryRemoteDeprecatePermission],
  ['administer', registryRemoteAdministerPermission],
];

function parse<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, value: unknown, field: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new InputError(describeZodError(field, result.error));
  }
  return result.data;
}

function requireJson(req: Request) {
  if (!req.is('application/json')) {
    throw new UnsupportedMediaTypeError(`content-type: expected application/json, got ${req.get('content-type') ?? 'none'}`);
  }
}

/** Outcome of a refused or failed call, as the audit trail records it. */
function outcomeOf(error: unknown): 'denied' | 'refused' {
  return error instanceof NotAllowedError ? 'denied' : 'refused';
}

/** HTTP only: parse, authorize through the permission framework, call the registry, answer. */
export async function createRouter(options: RouterOptions): Promise<express.Router> {
  const { registry, authorizer, httpAuth, auth, auditor, signer, config } = options;
  const router = Router();

  const readArchiveBody = express.raw({ type: ARCHIVE_MEDIA_TYPES, limit: config.maxUploadBytes });
  const readJsonBody = express.json({ limit: '100kb' });

  function actorOf(credentials: BackstageCredentials): string {
    if (auth.isPrincipal(credentials, 'user')) return credentials.principal.userEntityRef;
    if (auth.isPrincipal(credentials, 'service')) return credentials.principal.subject;
    return 'anonymous';
  }

  const credentialsOf = (req: Request) => httpAuth.credentials(req, { allow: ['user', 'service'] });

  /** A remote the caller may see, or 404 as if it did not exist. */
  async function visibleResource(credentials: BackstageCredentials, name: string): Promise<RegistryRemoteResource> {
    const resource = await registry.getResource(name);
    if (!resource || !(await authorizer.can(credentials, registryRemoteReadPermission, resource))) {
      throw new NotFoundError(`No remote named ${name}`);
    }
    return resource;
  }

  async function withActions(credentials: BackstageCredentials, remotes: StoredRemote[]): Promise<RemoteSummary[]> {
    const decisions = await authorizer.decide(credentials, ACTION_PERMISSIONS.map(([, permission]) => permission));
    return remotes.map(remote => ({
      ...remote,
      allowedActions: ACTION_PERMISSIONS.filter(([, permission]) => decisions.allows(permission, remote)).map(
        ([action]) => action,
      ),
    }));
  }

  /**
   * Runs a registry change and records it, whatever its outcome, in the registry's audit table
   * (listable at /audit) and through Backstage's auditor service.
   */
  async function audited<T extends { fromVersion?: string | null; toVersion?: string | null }>(
    req: Request,
    credentials: BackstageCredentials,
    action: string,
    remote: string | null,
    run: () => Promise<T>,
  ): Promise<T> {
    const event = await auditor.createEvent({
      eventId: `registry-${action}`,
      request: req,
      severityLevel: 'medium',
      meta: { remote },
    });
    const actor = actorOf(credentials);
    try {
      const result = await run();
      await registry.recordAudit({
        actor,
        action,
        remote,
        fromVersion: result.fromVersion ?? null,
        toVersion: result.toVersion ?? null,
        outcome: 'success',
        detail: null,
      });
      await event.success({ meta: { fromVersion: result.fromVersion ?? null, toVersion: result.toVersion ?? null } });
      return result;
    } catch (error) {
      await registry.recordAudit({
        actor,
        action,
        remote,
        fromVersion: null,
        toVersion: null,
        outcome: outcomeOf(error),
        detail: (error as Error).message,
      });
      await event.fail({ error: error as Error });
      throw error;
    }
  }

  async function requireRemotePermission(
    credentials: BackstageCredentials,
    permission: typeof registryRemotePublishPermission,
    name: string,
  ) {
    const resource = await visibleResource(credentials, name);
    if (!(await authorizer.can(credentials, permission, resource))) {
      throw new NotAllowedError(`${permission.name}: ${actorOf(credentials)} may not do this to ${name} (owned by ${resource.owner})`);
    }
    return resource;
  }

  router.get('/manifest', async (req, res) => {
    const credentials = await credentialsOf(req);
    const decisions = await authorizer.decide(credentials, [registryRemoteReadPermission]);
    const isVisible = (remote: RegistryRemoteResource) => decisions.allows(registryRemoteReadPermission, remote);
    res.set('Cache-Control', 'no-store');
    res.json(await registry.getManifest({ userRef: actorOf(credentials), isVisible }));
  });

  router.get('/remotes', async (req, res) => {
    const credentials = await credentialsOf(req);
    const decisions = await authorizer.decide(credentials, [registryRemoteReadPermission]);
    const remotes = await registry.listRemotes(remote => decisions.allows(registryRemoteReadPermission, remote));
    res.json({ remotes: await withActions(credentials, remotes) });
  });

  router.get('/remotes/:name', async (req, res) => {
    const credentials = await credentialsOf(req);
    const name = parse(remoteNameSchema, req.params.name, 'name');
    await visibleResource(credentials, name);
    const [summary] = await withActions(credentials, [await registry.getRemote(name)]);
    res.json(summary);
  });

  router.get('/remotes/:name/history', async (req, res) => {
    const credentials = await credentialsOf(req);
    const name = parse(remoteNameSchema, req.params.name, 'name');
    await visibleResource(credentials, name);
    res.json({ history: await registry.getHistory(name) });
  });

  router.post('/remotes/:name/versions', readArchiveBody, readJsonBody, async (req, res) => {
    const credentials = await credentialsOf(req);
    const name = parse(remoteNameSchema, req.params.name, 'name');
    const result = await audited(req, credentials, 'publish', name, async () => {
      let prepared;
      if (req.is(ARCHIVE_MEDIA_TYPES) && Buffer.isBuffer(req.body)) {
        prepared = await registry.prepareUpload({ name, archive: req.body });
      } else if (req.is('application/json')) {
        prepared = await registry.prepareExternal({ name, request: parse(externalPublishSchema, req.body, 'body') });
      } else {
        throw new UnsupportedMediaTypeError(
          `content-type: expected ${ARCHIVE_MEDIA_TYPES[0]} (a tar.gz of the built remote) or application/json (an external manifestUrl), got ${req.get('content-type') ?? 'none'}`,
        );
      }
      // An existing remote is judged by its stored owner; a new one by the owner it names.
      const resource = (await registry.getResource(name)) ?? { name, owner: prepared.owner, visibleTo: [] };
      if (!(await authorizer.can(credentials, registryRemotePublishPermission, resource))) {
        throw new NotAllowedError(
          `registry.remote.publish: ${actorOf(credentials)} may not publish ${name} (owned by ${resource.owner})`,
        );
      }
      if (prepared.compatibilityProblems.length > 0) {
        throw new UnprocessableError(
          `shared: the live shell cannot provide what ${name}@${prepared.version} requires: ${describeCompatibilityProblems(prepared.compatibilityProblems)}`,
        );
      }
      const published = await registry.publish(prepared, actorOf(credentials));
      return { ...published, fromVersion: null, toVersion: prepared.version };
    });
    res.status(result.created ? 201 : 200).json({ created: result.created, version: result.version });
  });

  async function promote(req: Request, version: string, percent: number | undefined) {
    const credentials = await credentialsOf(req);
    const name = parse(remoteNameSchema, req.params.name, 'name');
    await audited(req, credentials, 'promote', name, async () => {
      await requireRemotePermission(credentials, registryRemotePromotePermission, name);
      return registry.promote({ name, version, percent, actor: actorOf(credentials) });
    });
    const [summary] = await withActions(credentials, [await registry.getRemote(name)]);
    return summary;
  }

  router.post('/remotes/:name/promote', readJsonBody, async (req, res) => {
    requireJson(req);
    const { version, percent } = parse(promoteSchema, req.body, 'body');
    res.json(await promote(req, version, percent));
  });

  // The walking skeleton's way to make a version live; the same as a full promote.
  router.put('/remotes/:name/live', readJsonBody, async (req, res) => {
    requireJson(req);
    const { version } = parse(setLiveSchema, req.body, 'body');
    res.json(await promote(req, version, undefined));
  });

  router.post('/remotes/:name/rollback', async (req, res) => {
    const credentials = await credentialsOf(req);
    const name = parse(remoteNameSchema, req.params.name, 'name');
    await audited(req, credentials, 'rollback', name, async () => {
      await requireRemotePermission(credentials, registryRemoteRollbackPermission, name);
      return registry.rollback({ name, actor: actorOf(credentials) });
    });
    const [summary] = await withActions(credentials, [await registry.getRemote(name)]);
    res.json(summary);
  });

  router.post('/remotes/:name/deprecate', readJsonBody, async (req, res) => {
    const credentials = await credentialsOf(req);
    const name = parse(remoteNameSchema, req.params.name, 'name');
    requireJson(req);
    const body = parse(deprecateSchema, req.body, 'body');
    await audited(req, credentials, 'deprecate', name, async () => {
      await requireRemotePermission(credentials, registryRemoteDeprecatePermission, name);
      await registry.deprecate({ name, ...body });
      return { fromVersion: body.version ?? null, toVersion: null };
    });
    const [summary] = await withActions(credentials, [await registry.getRemote(name)]);
    res.json(summary);
  });

  router.put('/remotes/:name/visibility', readJsonBody, async (req, res) => {
    const credentials = await credentialsOf(req);
    const name = parse(remoteNameSchema, req.params.name, 'name');
    requireJson(req);
    const { groups } = parse(visibilitySchema, req.body, 'body');
    await audited(req, credentials, 'visibility', name, async () => {
      await requireRemotePermission(credentials, registryRemoteAdministerPermission, name);
      await registry.setVisibility({ name, groups });
      return {};
    });
    const [summary] = await withActions(credentials, [await registry.getRemote(name)]);
    res.json(summary);
  });

  router.get('/audit', async (req, res) => {
    const credentials = await credentialsOf(req);
    if (!(await authorizer.canBasic(credentials, registryAuditReadPermission))) {
      throw new NotAllowedError('registry.audit.read: only registry administrators may read the audit trail');
    }
    const { limit, remote } = parse(auditQuerySchema, req.query, 'query');
    res.json({ entries: await registry.listAudit({ limit, remote }) });
  });

  router.get('/shell-contract', async (req, res) => {
    await credentialsOf(req);
    res.json({ shared: (await registry.getShellContract()) ?? null });
  });

  router.post('/shell-contract', readJsonBody, async (req, res) => {
    const credentials = await credentialsOf(req);
    requireJson(req);
    const { shared } = parse(shellContractSchema, req.body, 'body');
    const result = await audited(req, credentials, 'shell-contract', null, async () => {
      if (!(await authorizer.canBasic(credentials, registryShellContractRegisterPermission))) {
        throw new NotAllowedError('registry.shell-contract.register: only registry administrators may register a shell contract');
      }
      const registered = await registry.registerShellContract({ contract: shared, actor: actorOf(credentials) });
      return { ...registered, fromVersion: null, toVersion: null };
    });
    res.status(201).json({ contract: result.contract, wouldBreak: result.wouldBreak });
  });

  /**
   * May this request read the files of a remote limited to some groups? Browsers prove it with
   * the signed prefix the manifest gave them; API callers with their own credentials.
   */
  async function mayReadRestricted(req: Request, resource: RegistryRemoteResource, version: string, signature?: string) {
    if (signature !== undefined) {
      return signer.verify({ name: resource.name, version, signature });
    }
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service', 'none'] });
    return !auth.isPrincipal(credentials, 'none') && authorizer.can(credentials, registryRemoteReadPermission, resource);
  }

  // Asset URLs are immutable (name, version and path never change their bytes), so they are
  // cacheable forever. Browsers load them with <script crossorigin>, hence the CORS header.
  // A remote limited to some groups serves its files only to those who may see it.
  router.get('/assets/:name/:version/*', async (req, res) => {
    const name = parse(remoteNameSchema, req.params.name, 'name');
    const version = parse(versionSchema, req.params.version, 'version');
    const signed = /^~s\/([^/]+)\/(.+)$/.exec((req.params as Record<string, string>)[0]);
    const path = signed ? signed[2] : (req.params as Record<string, string>)[0];
    const resource = await registry.getResource(name);
    if (!resource) {
      throw new NotFoundError(`No remote named ${name}`);
    }
    const restricted = resource.visibleTo.length > 0;
    if (restricted && !(await mayReadRestricted(req, resource, version, signed?.[1]))) {
      throw new NotFoundError(`No remote named ${name}`);
    }
    const asset = await registry.getAsset({ name, version, path });
    res.set({
      'Content-Type': asset.contentType,
      'Content-Length': String(asset.size),
      // A restricted remote's files must not sit in shared caches.
      'Cache-Control': restricted ? 'private, max-age=31536000, immutable' : 'public, max-age=31536000, immutable',
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'X-Content-Type-Options': 'nosniff',
      'Access-Control-Allow-Origin': '*',
    });
    asset.body.on('error', error => res.destroy(error));
    asset.body.pipe(res);
  });

  return router;
}
