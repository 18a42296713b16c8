import { HttpAuthService } from '@backstage/backend-plugin-api';
import express, { Request, Response } from 'express';
import Router from 'express-promise-router';
import { RegistryConfig } from '../config';
import { parseWithSchema } from '../parseWithSchema';
import {
  AuthorizedAuditLog,
  AuthorizedManifestService,
  AuthorizedReleaseService,
  AuthorizedRemoteCatalog,
  AuthorizedRemotePublisher,
  AuthorizedShellContracts,
  RegistryCaller,
} from './authorized';
import { ASSETS_PATH, parseAssetPath } from './request/assetPath';
import { parseJsonBody, parseRemoteName } from './request/parse';
import { ARCHIVE_MEDIA_TYPES, readPublishSource } from './request/publishSource';
import {
  auditQuerySchema,
  deprecateSchema,
  promoteSchema,
  setLiveSchema,
  shellContractSchema,
  visibilitySchema,
} from './request/schemas';

export interface RouterOptions {
  catalog: AuthorizedRemoteCatalog;
  publisher: AuthorizedRemotePublisher;
  releases: AuthorizedReleaseService;
  manifests: AuthorizedManifestService;
  shellContracts: AuthorizedShellContracts;
  auditLog: AuthorizedAuditLog;
  httpAuth: HttpAuthService;
  config: RegistryConfig;
}

/** HTTP only: parse the request, call the authorized services, answer. */
export async function createRouter(options: RouterOptions): Promise<express.Router> {
  const { catalog, publisher, releases, manifests, shellContracts, auditLog, httpAuth, config } = options;
  const router = Router();

  const readArchiveBody = express.raw({ type: ARCHIVE_MEDIA_TYPES, limit: config.maxUploadBytes });
  const readJsonBody = express.json({ limit: '100kb' });

  async function callerOf(req: Request): Promise<RegistryCaller> {
    return { credentials: await httpAuth.credentials(req, { allow: ['user', 'service'] }), request: req };
  }

  /** Runs a change to the remote `:name` names, then answers with the remote as the caller now sees it. */
  async function changeRemote(
    req: Request,
    res: Response,
    change: (caller: RegistryCaller, name: string) => Promise<unknown>,
  ) {
    const caller = await callerOf(req);
    const name = parseRemoteName(req);
    await change(caller, name);
    res.json(await catalog.getChangedRemote(caller, name));
  }

  router.get('/manifest', async (req, res) => {
    const caller = await callerOf(req);
    res.set('Cache-Control', 'no-store');
    res.json(await manifests.getManifest(caller));
  });

  router.get('/remotes', async (req, res) => {
    res.json({ remotes: await catalog.listRemotes(await callerOf(req)) });
  });

  router.get('/remotes/:name', async (req, res) => {
    const caller = await callerOf(req);
    res.json(await catalog.getRemote(caller, parseRemoteName(req)));
  });

  router.get('/remotes/:name/history', async (req, res) => {
    const caller = await callerOf(req);
    res.json({ history: await catalog.getHistory(caller, parseRemoteName(req)) });
  });

  router.post('/remotes/:name/versions', readArchiveBody, readJsonBody, async (req, res) => {
    const caller = await callerOf(req);
    const result = await publisher.publish(caller, parseRemoteName(req), () => readPublishSource(req));
    res.status(result.created ? 201 : 200).json(result);
  });

  router.post('/remotes/:name/promote', readJsonBody, async (req, res) => {
    const { version, percent } = parseJsonBody(req, promoteSchema);
    await changeRemote(req, res, (caller, name) => releases.promote(caller, { name, version, percent }));
  });

  // The older way to make a version live; the same as a full promote.
  router.put('/remotes/:name/live', readJsonBody, async (req, res) => {
    const { version } = parseJsonBody(req, setLiveSchema);
    await changeRemote(req, res, (caller, name) => releases.promote(caller, { name, version }));
  });

  router.post('/remotes/:name/rollback', (req, res) =>
    changeRemote(req, res, (caller, name) => releases.rollback(caller, { name })),
  );

  router.post('/remotes/:name/deprecate', readJsonBody, (req, res) =>
    changeRemote(req, res, (caller, name) =>
      catalog.deprecate(caller, { name, ...parseJsonBody(req, deprecateSchema) }),
    ),
  );

  router.put('/remotes/:name/visibility', readJsonBody, (req, res) =>
    changeRemote(req, res, (caller, name) =>
      catalog.setVisibility(caller, { name, groups: parseJsonBody(req, visibilitySchema).groups }),
    ),
  );

  router.get('/audit', async (req, res) => {
    const caller = await callerOf(req);
    const readQuery = () => parseWithSchema(auditQuerySchema, req.query, 'query');
    res.json({ entries: await auditLog.list(caller, readQuery) });
  });

  router.get('/shell-contract', async (req, res) => {
    await callerOf(req);
    res.json({ shared: (await shellContracts.get()) ?? null });
  });

  router.post('/shell-contract', readJsonBody, async (req, res) => {
    const caller = await callerOf(req);
    const { shared } = parseJsonBody(req, shellContractSchema);
    res.status(201).json(await shellContracts.register(caller, shared));
  });

  // Asset URLs are immutable (name, version and path never change their bytes), so they are
  // cacheable forever. Browsers load them with <script crossorigin>, hence the CORS header.
  router.get(`${ASSETS_PATH}/:name/:version/*`, async (req, res) => {
    const { asset, restricted } = await catalog.getAsset({
      ...parseAssetPath(req),
      credentials: () => httpAuth.credentials(req, { allow: ['user', 'service', 'none'] }),
    });
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
