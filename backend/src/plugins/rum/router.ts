import type { AuthService, HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { isRemoteErrorCode, REMOTE_ERROR_CODES } from '@portico/contract/remoteErrorCodes';
import { describeZodError, remoteNameSchema, versionSchema } from '@portico/contract/schemas';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { RemoteLoadIntake } from './services/RemoteLoadIntake';

/** A beacon carries a few loads; anything bigger is not from the shell. */
export const MAX_BEACON_BYTES = 16 * 1024;
export const MAX_LOADS_PER_BEACON = 20;

const loadSchema = z
  .object({
    remote: remoteNameSchema,
    version: versionSchema,
    durationMs: z.number().finite().min(0).max(600_000),
    outcome: z.enum(['ok', 'error']),
    // Each code is a metric label: only the shell's fixed list keeps the label space bounded.
    code: z
      .string()
      .refine(isRemoteErrorCode, `must be one of the shell's error codes (${REMOTE_ERROR_CODES.join(', ')})`)
      .optional(),
  })
  .refine(load => load.outcome === 'ok' || load.code !== undefined, {
    message: 'code is required for an error',
    path: ['code'],
  });

const beaconSchema = z.object({
  token: z
    .string()
    .min(1)
    .max(16 * 1024),
  loads: z.array(loadSchema).min(1).max(MAX_LOADS_PER_BEACON),
});

const summaryQuerySchema = z.object({
  remote: remoteNameSchema.optional(),
});

export interface RouterOptions {
  intake: RemoteLoadIntake;
  auth: AuthService;
  httpAuth: HttpAuthService;
}

/** HTTP only: parse, check who is asking, call the intake, answer. */
export async function createRouter(options: RouterOptions): Promise<express.Router> {
  const { intake, auth, httpAuth } = options;
  const router = Router();

  // navigator.sendBeacon cannot set headers, so the token is in the body; a string body makes
  // the browser send text/plain, which needs no CORS preflight.
  const readBeacon = express.text({ type: ['text/plain', 'application/json'], limit: MAX_BEACON_BYTES });

  router.post('/beacon', readBeacon, async (req, res) => {
    if (typeof req.body !== 'string' || req.body === '') {
      throw new InputError('body: expected a JSON text of { token, loads }');
    }
    let json: unknown;
    try {
      json = JSON.parse(req.body);
    } catch {
      throw new InputError('body: not valid JSON');
    }
    const parsed = beaconSchema.safeParse(json);
    if (!parsed.success) {
      throw new InputError(describeZodError('body', parsed.error));
    }
    // Throws AuthenticationError (401) for a missing, forged or expired token.
    const credentials = await auth.authenticate(parsed.data.token);
    if (!auth.isPrincipal(credentials, 'user')) {
      throw new NotAllowedError('token: remote load reports come from signed-in users only');
    }
    const { accepted, dropped } = await intake.report(credentials.principal.userEntityRef, parsed.data.loads);
    res.status(202).json({ accepted, dropped });
  });

  router.get('/remote-loads', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const query = summaryQuerySchema.safeParse(req.query);
    if (!query.success) {
      throw new InputError(describeZodError('query', query.error));
    }
    res.json({
      remotes: await intake.summarize(credentials, { remote: query.data.remote }),
      source: 'in-process histogram of the backend replica that answered, since it started',
    });
  });

  return router;
}
