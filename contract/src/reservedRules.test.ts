import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  isReservedName,
  isReservedRoute,
  isRouteWithin,
  REMOTE_NAME_PATTERN,
  RESERVED_NAMES,
  routesOverlap,
} from './rules';
import { describeZodError, isReservedFailure, remoteDescriptorSchema, remoteNameSchema, routeSchema } from './schemas';
import { readRemoteDescriptor } from './webpack';

describe('route overlap, by whole path segments', () => {
  it.each([
    ['/registry', '/registry', true],
    ['/registry/x', '/registry', true],
    ['/registry', '/registry/x/y', true],
    ['/pay', '/payments', false],
    ['/payments', '/pay', false],
    ['/a/b', '/a/c', false],
    ['/a-b', '/a', false],
  ])('%s and %s overlap: %s', (a, b, expected) => {
    expect(routesOverlap(a, b)).toBe(expected);
    expect(routesOverlap(b, a)).toBe(expected);
  });

  it('says which route is within which', () => {
    expect(isRouteWithin('/registry/x', '/registry')).toBe(true);
    expect(isRouteWithin('/registry', '/registry/x')).toBe(false);
    expect(isRouteWithin('/anything', '/')).toBe(true);
  });
});

describe('reserved routes', () => {
  it.each(['/', '/api', '/api/registry', '/config.json', '/healthcheck', '/healthcheck/x', '/metrics', '/.backstage'])(
    '%s is reserved',
    route => expect(isReservedRoute(route)).toBe(true),
  );

  it.each(['/apis', '/payments', '/metrics-dashboard', '/registry/api', '/home'])('%s is free', route =>
    expect(isReservedRoute(route)).toBe(false),
  );

  it('is refused by the route schema with a reserved issue that names the field', () => {
    const result = remoteDescriptorSchema.safeParse({
      name: 'team_payments',
      version: '1.0.0',
      route: '/api/payments',
      title: 'Payments',
      owner: 'group:default/payments-team',
    });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(describeZodError('portico', result.error)).toMatch(
      /^portico\.route: is reserved for the shell or the backend/,
    );
    expect(isReservedFailure(result.error)).toBe(true);
  });

  it('leaves a malformed route a plain failure', () => {
    const result = routeSchema.safeParse('/API');
    expect(result.success).toBe(false);
    if (!result.success) expect(isReservedFailure(result.error)).toBe(false);
  });
});

describe('reserved names', () => {
  it('are all names a remote could otherwise take, so that each entry matters', () => {
    for (const name of RESERVED_NAMES) expect(name).toMatch(REMOTE_NAME_PATTERN);
  });

  it.each(['portico_shell', 'window', 'self', 'document', 'location', 'fetch', 'navigator', 'history', 'top'])(
    '%s is refused by the name schema',
    name => {
      expect(isReservedName(name)).toBe(true);
      const result = remoteNameSchema.safeParse(name);
      expect(result.success).toBe(false);
      if (!result.success) {
        expect(describeZodError('name', result.error)).toMatch(/^name: is reserved/);
        expect(isReservedFailure(result.error)).toBe(true);
      }
    },
  );

  it.each(['parent', 'frames', 'name', 'status', 'origin', 'crypto', 'performance', 'console', 'onload'])(
    '%s is reserved too',
    name => expect(remoteNameSchema.safeParse(name).success).toBe(false),
  );

  it.each(['team_payments', 'portico_shell_extras', 'windows', 'onboarding', 'history_viewer'])('%s is free', name =>
    expect(remoteNameSchema.safeParse(name).success).toBe(true),
  );
});

describe('the remote webpack helper', () => {
  const portico = {
    name: 'team_payments',
    route: '/payments',
    title: 'Payments',
    owner: 'group:default/payments-team',
  };
  const remoteDir = (block: object) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-reserved-'));
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ version: '1.0.0', portico: block }));
    return dir;
  };

  it('fails the build of a remote with a reserved name or route, naming the key', () => {
    expect(() => readRemoteDescriptor(remoteDir({ ...portico, name: 'location' }))).toThrow(
      /portico\.name: is reserved/,
    );
    expect(() => readRemoteDescriptor(remoteDir({ ...portico, route: '/metrics' }))).toThrow(
      /portico\.route: is reserved/,
    );
  });
});
