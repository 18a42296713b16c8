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
  AuditRefusals,
  RegistryCaller,
} from './authorized';
import { ASSET_RESPONSE_HEADERS } from './assetResponseHeaders';
import { ASSETS_PATH, parseAssetPath, redactAssetSignature } from './request/assetPath';
import { parseJsonBody, parseRemoteName } from './request/parse';
import { readPublishSource } from './request/publishSource';
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
  /** Records the refusals of the change routes answered before their audited action ran. */
  auditRefusals: AuditRefusals;
}

/** HTTP only: parse the request, call the authorized services, answer. */
export async function createRouter(options: RouterOptions): Promise<express.Router> {
  const { catalog, publisher, releases, manifests, shellContracts, auditLog, httpAuth, config } = options;
  const router = Router();
  // First, so that no log line of an asset request, whatever answers it, holds its signature.
  router.use(ASSETS_PATH, redactAssetSignature);

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

  // An upload is not buffered: the publisher reads the request as a stream once it is authorized.
  router.post('/remotes/:name/versions', readJsonBody, async (req, res) => {
    const caller = await callerOf(req);
    try {
      const result = await publisher.publish(caller, parseRemoteName(req), () => readPublishSource(req, config));
      res.status(result.created ? 201 : 200).json(result);
    } catch (error) {
      // A refused upload is not read to its end: the connection closes rather than take in the rest.
      if (!req.complete) res.set('Connection', 'close');
      throw error;
    }
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

  // Refusals of the change routes above that happen before their audited action runs (a body
  // over the limit, another media type, a malformed name or body) go into the audit trail too.
  const auditRefusal = options.auditRefusals;
  router.use('/remotes/:name/versions', auditRefusal('POST', 'publish'));
  router.use('/remotes/:name/promote', auditRefusal('POST', 'promote'));
  router.use('/remotes/:name/live', auditRefusal('PUT', 'promote'));
  router.use('/remotes/:name/rollback', auditRefusal('POST', 'rollback'));
  router.use('/remotes/:name/deprecate', auditRefusal('POST', 'deprecate'));
  router.use('/remotes/:name/visibility', auditRefusal('PUT', 'visibility'));
  router.use('/shell-contract', auditRefusal('POST', 'shell-contract'));

  // Remote files: under a signed prefix from the manifest, or to a caller's own credentials.
  router.get(`${ASSETS_PATH}/:name/:version/*`, async (req, res) => {
    const asset = await catalog.getAsset({
      ...parseAssetPath(req),
      credentials: () => httpAuth.credentials(req, { allow: ['user', 'service', 'none'] }),
    });
    res.set({ ...ASSET_RESPONSE_HEADERS, 'Content-Type': asset.contentType, 'Content-Length': String(asset.size) });
    asset.body.on('error', error => res.destroy(error));
    asset.body.pipe(res);
  });

  return router;
}
