import {
  AuthService,
  BackstageCredentials,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { describeZodError, externalPublishSchema, remoteNameSchema, setLiveSchema, versionSchema } from './bundle/schemas';
import { RegistryConfig } from './config';
import { UnsupportedMediaTypeError } from './errors';
import { RemoteRegistryService } from './services/RemoteRegistry';

/** Media types a publish upload may use: a gzipped tar of the remote's dist folder. */
export const ARCHIVE_MEDIA_TYPES = ['application/gzip', 'application/x-gzip', 'application/x-tgz'];

export interface RouterOptions {
  registry: RemoteRegistryService;
  httpAuth: HttpAuthService;
  auth: AuthService;
  config: RegistryConfig;
}

function parse<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, value: unknown, field: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new InputError(describeZodError(field, result.error));
  }
  return result.data;
}

/** HTTP only: parse, call the registry service, answer. */
export async function createRouter(options: RouterOptions): Promise<express.Router> {
  const { registry, httpAuth, auth, config } = options;
  const router = Router();

  const readArchiveBody = express.raw({ type: ARCHIVE_MEDIA_TYPES, limit: config.maxUploadBytes });
  const readJsonBody = express.json({ limit: '100kb' });

  function actorOf(credentials: BackstageCredentials): string {
    if (auth.isPrincipal(credentials, 'user')) {
      return credentials.principal.userEntityRef;
    }
    if (auth.isPrincipal(credentials, 'service')) {
      return credentials.principal.subject;
    }
    return 'unknown';
  }

  router.get('/manifest', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json(await registry.getManifest());
  });

  router.get('/remotes', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json({ remotes: await registry.listRemotes() });
  });

  router.get('/remotes/:name', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const name = parse(remoteNameSchema, req.params.name, 'name');
    res.json(await registry.getRemote(name));
  });

  router.post('/remotes/:name/versions', readArchiveBody, readJsonBody, async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const name = parse(remoteNameSchema, req.params.name, 'name');
    const actor = actorOf(credentials);
    let result;
    if (req.is(ARCHIVE_MEDIA_TYPES) && Buffer.isBuffer(req.body)) {
      result = await registry.publishUpload({ name, archive: req.body, actor });
    } else if (req.is('application/json')) {
      const request = parse(externalPublishSchema, req.body, 'body');
      result = await registry.publishExternal({ name, request, actor });
    } else {
      throw new UnsupportedMediaTypeError(
        `content-type: expected ${ARCHIVE_MEDIA_TYPES[0]} (a tar.gz of the built remote) or application/json (an external manifestUrl), got ${req.get('content-type') ?? 'none'}`,
      );
    }
    res.status(result.created ? 201 : 200).json(result);
  });

  router.put('/remotes/:name/live', readJsonBody, async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const name = parse(remoteNameSchema, req.params.name, 'name');
    if (!req.is('application/json')) {
      throw new UnsupportedMediaTypeError('content-type: expected application/json');
    }
    const { version } = parse(setLiveSchema, req.body, 'body');
    res.json(await registry.setLive({ name, version, actor: actorOf(credentials) }));
  });

  // Asset URLs are immutable (name, version and path never change their bytes), so they are
  // cacheable forever. Browsers load them with <script crossorigin>, hence the CORS header.
  router.get('/assets/:name/:version/*', async (req, res) => {
    const name = parse(remoteNameSchema, req.params.name, 'name');
    const version = parse(versionSchema, req.params.version, 'version');
    const path = (req.params as Record<string, string>)[0];
    const asset = await registry.getAsset({ name, version, path });
    res.set({
      'Content-Type': asset.contentType,
      'Content-Length': String(asset.size),
      'Cache-Control': 'public, max-age=31536000, immutable',
      'Access-Control-Allow-Origin': '*',
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'X-Content-Type-Options': 'nosniff',
    });
    asset.body.on('error', error => res.destroy(error));
    asset.body.pipe(res);
  });

  return router;
}
