import { Entity, parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { publishFixture } from '@portico/plugin-registry-backend/testUtils';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import request from 'supertest';
import { parseAllDocuments } from 'yaml';
import { PorticoBackend, PorticoDatabase, startPorticoBackend } from './__testUtils__/startPorticoBackend';

/**
 * Zero leaks: for a user who may not read an entity (or see a remote), no endpoint reveals
 * anything about it. Portico's real backend runs in its own process (backend/src/index.ts and
 * app-config.yaml, as `npm start` runs it) on SQLite and on PostgreSQL, with the sample
 * organisation (catalog-entities/) and the default policy. Users sign in through the development
 * sign-in and call it with real Backstage tokens, so every decision goes through the permission
 * backend over HTTP, the policy, and the plugins' conditions (the catalog's apply-conditions).
 *
 * Sven (search-team) may not read payments-team's components and resources; Ada
 * (platform-engineers) may read everything. A hidden entity must answer exactly like one that
 * does not exist.
 */
const ENTITIES_DIR = resolve(__dirname, '../../catalog-entities');

const HIDDEN = 'component:default/payments-api';
const HIDDEN_RESOURCE = 'resource:default/payments-db';
const MISSING = 'component:default/no-such-thing';
/** Names that a refusal must never contain: the hidden entities, the restricted remote, its owner. */
const HIDDEN_NAMES = ['payments-api', 'payments-db', 'team_payments', 'payments-team'];
const VISIBLE = 'component:default/query-service';
/** Visible to Sven only through the paved-road domain grant (developer-platform → portico). */
const VIA_DOMAIN = 'component:default/portico-shell';
/** A word of the hidden entity's docs and description, and of entities Sven may or may not read. */
const SEARCH_TERM = 'intents';

const DATABASES: Array<[string, PorticoDatabase]> = [['SQLite', { client: 'sqlite' }]];
if (process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING) {
  DATABASES.push([
    'PostgreSQL',
    { client: 'pg', connectionString: process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING },
  ]);
}

/** Every entity the sample organisation declares, as refs. */
async function sampleEntityRefs(): Promise<string[]> {
  const refs: string[] = [];
  for (const file of ['org.yaml', 'systems.yaml', 'components.yaml']) {
    for (const document of parseAllDocuments(await readFile(join(ENTITIES_DIR, file), 'utf8'))) {
      refs.push(stringifyEntityRef(document.toJS() as Entity).toLocaleLowerCase('en-US'));
    }
  }
  return refs;
}

async function until<T>(probe: () => Promise<T>, accept: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await probe();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise(resolvePromise => setTimeout(resolvePromise, 200));
  }
}

const refOf = (entity: Entity) => stringifyEntityRef(entity).toLocaleLowerCase('en-US');
/** The catalog's `:kind/:namespace/:name`. */
const namePath = (ref: string) => {
  const { kind, namespace, name } = parseEntityRef(ref);
  return `${kind}/${namespace}/${name}`;
};
/** TechDocs' `:namespace/:kind/:name`. */
const docsPath = (ref: string) => {
  const { kind, namespace, name } = parseEntityRef(ref);
  return `${namespace}/${kind}/${name}`;
};

/** A hidden thing answers exactly as a missing one: same status, same error, names aside. */
function expectSameAnswer(
  hidden: request.Response,
  missing: request.Response,
  hiddenName: string,
  missingName: string,
) {
  const normalise = (response: request.Response, name: string) => ({
    status: response.status,
    body: JSON.parse(
      JSON.stringify({
        error: response.body?.error && { name: response.body.error.name, message: response.body.error.message },
      })
        .split(name)
        .join('<name>'),
    ),
    text: response.body?.error ? undefined : response.text.split(name).join('<name>'),
  });
  expect(normalise(hidden, hiddenName)).toEqual(normalise(missing, missingName));
}

/** Pre-generated TechDocs sites, as the external builder publishes them, with their search index. */
async function publishDocs(dataDir: string) {
  for (const ref of [HIDDEN, VISIBLE]) {
    const site = join(dataDir, 'techdocs', docsPath(ref));
    await mkdir(join(site, 'search'), { recursive: true });
    await writeFile(join(site, 'index.html'), `<html><body>Docs of ${ref}</body></html>`);
    await writeFile(join(site, 'techdocs_metadata.json'), JSON.stringify({ site_name: ref, site_description: 'docs' }));
    await writeFile(
      join(site, 'search', 'search_index.json'),
      JSON.stringify({
        config: { lang: ['en'] },
        docs: [
          {
            location: '',
            title: `Runbook of ${parseEntityRef(ref).name}`,
            text: `Payment ${SEARCH_TERM} runbook of ${ref}`,
          },
        ],
      }),
    );
  }
}

describe.each(DATABASES)('zero leaks on %s', (_name, database) => {
  let backend: PorticoBackend;
  let server: string;
  let allRefs: string[];
  let svenSees: Entity[];
  let ADA: string;
  let SVEN: string;

  beforeAll(async () => {
    backend = await startPorticoBackend({
      database,
      prepareDataDir: publishDocs,
      config: {
        techdocs: { builder: 'external' },
        search: {
          collators: {
            // Often, so that the index soon holds the whole catalog (the first run may precede
            // it). Laid over app-config.yaml's durations, whose other units would stay.
            catalog: { schedule: { frequency: { minutes: 0, seconds: 3 }, initialDelay: { seconds: 1 } } },
            techdocs: { schedule: { frequency: { minutes: 0, seconds: 3 }, initialDelay: { seconds: 1 } } },
          },
        },
      },
    });
    server = backend.baseUrl;
    ADA = `Bearer ${await backend.signIn('ada')}`;
    SVEN = `Bearer ${await backend.signIn('sven')}`;

    allRefs = await sampleEntityRefs();
    await until(
      async () =>
        (
          await request(server)
            .post('/api/catalog/entities/by-refs')
            .set('Authorization', ADA)
            .send({ entityRefs: allRefs })
        ).body.items,
      (items: Array<Entity | null>) => items?.every(Boolean),
      'the sample organisation to be in the catalog',
    );

    const cli = `Bearer ${backend.publishToken}`;
    expect((await publishFixture(server, { owner: 'group:default/payments-team' }, cli)).status).toBe(201);
    const live = await request(server)
      .post('/api/registry/remotes/team_payments/promote')
      .set('Authorization', cli)
      .send({ version: '1.0.0' });
    expect(live.status).toBe(200);
    const restrict = await request(server)
      .put('/api/registry/remotes/team_payments/visibility')
      .set('Authorization', ADA)
      .send({ groups: ['group:default/payments-team'] });
    expect(restrict.status).toBe(200);

    svenSees = (await request(server).get('/api/catalog/entities').set('Authorization', SVEN)).body;
  }, 180_000);

  afterAll(() => backend?.stop(), 60_000);

  describe('the catalog', () => {
    it('lists exactly what the policy grants Sven, filtered in the query', async () => {
      const refs = svenSees.map(refOf).sort();
      const hiddenFromSven = [
        HIDDEN,
        'component:default/checkout-web',
        'component:default/fraud-scorer',
        HIDDEN_RESOURCE,
      ];
      expect(refs).toEqual(allRefs.filter(ref => !hiddenFromSven.includes(ref)).sort());
      expect(refs).toContain(VIA_DOMAIN);
      const all = (await request(server).get('/api/catalog/entities').set('Authorization', ADA)).body as Entity[];
      expect(all.map(refOf)).toEqual(
        expect.arrayContaining([HIDDEN, HIDDEN_RESOURCE, 'location:default/portico-sample']),
      );
    });

    it('finds nothing hidden with a filter that names it', async () => {
      const response = await request(server)
        .get('/api/catalog/entities?filter=metadata.name=payments-api')
        .set('Authorization', SVEN);
      expect(response.body).toEqual([]);
    });

    it('leaves hidden entities out of by-query items and totals, also for a full-text search', async () => {
      const components = await request(server)
        .get('/api/catalog/entities/by-query?filter=kind=component')
        .set('Authorization', SVEN);
      expect(components.body.items.map(refOf)).not.toContain(HIDDEN);
      expect(components.body.totalItems).toBe(components.body.items.length);
      const search = await request(server)
        .get('/api/catalog/entities/by-query?fullTextFilterTerm=payments&fullTextFilterFields=metadata.name')
        .set('Authorization', SVEN);
      expect(search.body.items.map(refOf).sort()).toEqual([
        'api:default/payments-rest',
        'group:default/payments-team',
        'system:default/payments',
      ]);
      expect(search.body.totalItems).toBe(3);
      const posted = await request(server)
        .post('/api/catalog/entities/by-query')
        .set('Authorization', SVEN)
        .send({ query: { kind: 'resource' } });
      expect(posted.body.items).toEqual([]);
      expect(posted.body.totalItems).toBe(0);
    });

    it('answers by name, and by uid, for a hidden entity exactly as for a missing one', async () => {
      const hidden = await request(server)
        .get(`/api/catalog/entities/by-name/${namePath(HIDDEN)}`)
        .set('Authorization', SVEN);
      const missing = await request(server)
        .get(`/api/catalog/entities/by-name/${namePath(MISSING)}`)
        .set('Authorization', SVEN);
      expect(hidden.status).toBe(404);
      expectSameAnswer(hidden, missing, 'payments-api', 'no-such-thing');
      const uid = (
        await request(server)
          .get(`/api/catalog/entities/by-name/${namePath(HIDDEN)}`)
          .set('Authorization', ADA)
      ).body.metadata.uid;
      const byUid = await request(server).get(`/api/catalog/entities/by-uid/${uid}`).set('Authorization', SVEN);
      const byMissingUid = await request(server)
        .get('/api/catalog/entities/by-uid/00000000-0000-4000-8000-000000000000')
        .set('Authorization', SVEN);
      expect(byUid.status).toBe(404);
      expectSameAnswer(byUid, byMissingUid, uid, '00000000-0000-4000-8000-000000000000');
    });

    it('answers null by refs for a hidden entity', async () => {
      const response = await request(server)
        .post('/api/catalog/entities/by-refs')
        .set('Authorization', SVEN)
        .send({ entityRefs: [HIDDEN, VISIBLE, HIDDEN_RESOURCE, MISSING] });
      expect(response.body.items.map((item: Entity | null) => item && refOf(item))).toEqual([
        null,
        VISIBLE,
        null,
        null,
      ]);
    });

    it('counts facets over what Sven may read only', async () => {
      const facets = ['kind', 'metadata.name', 'spec.owner', 'spec.type', 'spec.system', 'relations.ownedBy'];
      const response = await request(server)
        .get(`/api/catalog/entity-facets?${facets.map(facet => `facet=${facet}`).join('&')}`)
        .set('Authorization', SVEN);
      const names = response.body.facets['metadata.name'].map((facet: { value: string }) => facet.value);
      expect(names).not.toContain('payments-api');
      expect(names).not.toContain('payments-db');
      // Each count is what Sven's own list shows: nothing beyond it is counted.
      const kinds = Object.fromEntries(
        response.body.facets.kind.map((facet: { value: string; count: number }) => [facet.value, facet.count]),
      );
      const listed = svenSees.reduce<Record<string, number>>(
        (counts, entity) => ({ ...counts, [entity.kind]: (counts[entity.kind] ?? 0) + 1 }),
        {},
      );
      expect(kinds).toEqual(listed);
      const owners = response.body.facets['relations.ownedBy'].find(
        (facet: { value: string }) => facet.value === 'group:default/payments-team',
      );
      expect(owners.count).toBe(
        svenSees.filter(entity =>
          entity.relations?.some(r => r.type === 'ownedBy' && r.targetRef === 'group:default/payments-team'),
        ).length,
      );
      const posted = await request(server)
        .post('/api/catalog/entity-facets')
        .set('Authorization', SVEN)
        .send({ facets: ['spec.system'] });
      const systems = Object.fromEntries(
        posted.body.facets['spec.system'].map((facet: { value: string; count: number }) => [facet.value, facet.count]),
      );
      expect(systems.payments).toBe(1); // payments-rest only: not payments-api, checkout-web, fraud-scorer, payments-db
    });

    it('answers the ancestry of a hidden entity as of a missing one, and hides hidden ancestors', async () => {
      const hidden = await request(server)
        .get(`/api/catalog/entities/by-name/${namePath(HIDDEN)}/ancestry`)
        .set('Authorization', SVEN);
      const missing = await request(server)
        .get(`/api/catalog/entities/by-name/${namePath(MISSING)}/ancestry`)
        .set('Authorization', SVEN);
      expect(hidden.status).toBe(403);
      expectSameAnswer(hidden, missing, 'payments-api', 'no-such-thing');
      const visible = await request(server)
        .get(`/api/catalog/entities/by-name/${namePath(VISIBLE)}/ancestry`)
        .set('Authorization', SVEN);
      expect(visible.status).toBe(200);
      // Its ancestors are Location entities, which only superusers read.
      expect(visible.body.items.map((item: { entity: Entity }) => refOf(item.entity))).toEqual([VISIBLE]);
      const forAda = await request(server)
        .get(`/api/catalog/entities/by-name/${namePath(VISIBLE)}/ancestry`)
        .set('Authorization', ADA);
      expect(forAda.body.items.length).toBeGreaterThan(1);
    });
  });

  describe('TechDocs', () => {
    const routes = (ref: string) => [
      `/api/techdocs/static/docs/${docsPath(ref)}/index.html`,
      `/api/techdocs/metadata/techdocs/${docsPath(ref)}`,
      `/api/techdocs/metadata/entity/${docsPath(ref)}`,
      `/api/techdocs/sync/${docsPath(ref)}`,
    ];

    it('serves the docs of a hidden entity to those who may read it', async () => {
      for (const route of routes(HIDDEN)) {
        expect([route, (await request(server).get(route).set('Authorization', ADA)).status]).toEqual([route, 200]);
      }
      const site = await request(server)
        .get(`/api/techdocs/static/docs/${docsPath(VISIBLE)}/index.html`)
        .set('Authorization', SVEN);
      expect(site.text).toContain(`Docs of ${VISIBLE}`);
    });

    it('answers static files, metadata and sync of a hidden entity exactly as of a missing one', async () => {
      const hiddenRoutes = routes(HIDDEN);
      const missingRoutes = routes(MISSING);
      for (const [index, route] of hiddenRoutes.entries()) {
        const hidden = await request(server).get(route).set('Authorization', SVEN);
        const missing = await request(server).get(missingRoutes[index]).set('Authorization', SVEN);
        expect([route, hidden.status]).toEqual([route, 404]);
        expect(hidden.text).not.toContain('Docs of');
        expectSameAnswer(hidden, missing, 'payments-api', 'no-such-thing');
      }
    });
  });

  describe('search', () => {
    type SearchResult = { type: string; document: { title: string; location: string; text: string } };
    const search = (authorization: string, query = '') =>
      request(server).get(`/api/search/query?term=${SEARCH_TERM}${query}`).set('Authorization', authorization);
    const locations = (response: request.Response) =>
      (response.body.results as SearchResult[]).map(result => `${result.type} ${result.document.location}`).sort();

    /** `/catalog/default/component/payments-api` → `component:default/payments-api`. */
    const refOfLocation = (location: string) => {
      const [, , namespace, kind, name] = location.split('/');
      return `${kind}:${namespace}/${name}`;
    };
    /** Everything the sample organisation and the docs say about payment intents. */
    const everything = [
      'software-catalog /catalog/default/api/payments-rest',
      'software-catalog /catalog/default/component/fraud-scorer',
      'software-catalog /catalog/default/component/payments-api',
      'software-catalog /catalog/default/resource/payments-db',
      'techdocs /docs/default/component/payments-api/',
    ];
    let indexed: Promise<string[]> | undefined;
    /**
     * What Ada finds once the collators have indexed the whole catalog and TechDocs. Each test
     * that needs it waits for it itself (once per backend), so that each runs on its own.
     */
    const adaFindsOnceIndexed = () =>
      (indexed ??= until(
        () => search(ADA),
        response => JSON.stringify(locations(response)) === JSON.stringify(everything),
        'the whole catalog and TechDocs to be indexed',
      ).then(locations));

    it('finds the hidden entity and its docs for those who may read it, once indexed', async () => {
      expect(await adaFindsOnceIndexed()).toEqual(everything);
    });

    it('finds for Sven exactly what Ada finds that Sven may read, and no count', async () => {
      const adaFinds = await adaFindsOnceIndexed();
      const response = await search(SVEN);
      expect(response.status).toBe(200);
      const readable = new Set(svenSees.map(refOf));
      const expected = adaFinds.filter(
        location => location.startsWith('software-catalog ') && readable.has(refOfLocation(location.split(' ')[1])),
      );
      expect(locations(response)).toEqual(expected);
      expect(expected).toContain('software-catalog /catalog/default/api/payments-rest');
      expect(response.body.numberOfResults).toBeUndefined();
      expect(response.text).not.toContain('payments-api');
      const docsOnly = await search(SVEN, '&types[0]=techdocs');
      expect(docsOnly.body.results).toEqual([]);
      const byName = await request(server).get('/api/search/query?term=payments-api').set('Authorization', SVEN);
      expect(byName.text).not.toContain('/component/payments-api');
    });
  });

  describe('the registry', () => {
    it('leaves a restricted remote out of the manifest and the list', async () => {
      const manifest = await request(server).get('/api/registry/manifest').set('Authorization', SVEN);
      expect(manifest.status).toBe(200);
      expect(manifest.body.remotes).toEqual([]);
      expect((await request(server).get('/api/registry/remotes').set('Authorization', SVEN)).body.remotes).toEqual([]);
      expect((await request(server).get('/api/registry/manifest').set('Authorization', ADA)).body.remotes).toHaveLength(
        1,
      );
    });

    it('answers its detail, history and asset URLs exactly as for a remote that does not exist', async () => {
      for (const [hiddenPath, missingPath] of [
        ['/api/registry/remotes/team_payments', '/api/registry/remotes/team_nothing'],
        ['/api/registry/remotes/team_payments/history', '/api/registry/remotes/team_nothing/history'],
        [
          '/api/registry/assets/team_payments/1.0.0/remoteEntry.js',
          '/api/registry/assets/team_nothing/1.0.0/remoteEntry.js',
        ],
        [
          '/api/registry/assets/team_payments/1.0.0/mf-manifest.json',
          '/api/registry/assets/team_nothing/1.0.0/mf-manifest.json',
        ],
      ]) {
        const hidden = await request(server).get(hiddenPath).set('Authorization', SVEN);
        const missing = await request(server).get(missingPath).set('Authorization', SVEN);
        expect([hiddenPath, hidden.status]).toEqual([hiddenPath, 404]);
        expectSameAnswer(hidden, missing, 'team_payments', 'team_nothing');
        expect((await request(server).get(hiddenPath).set('Authorization', ADA)).status).toBe(200);
      }
      const anonymous = await request(server).get('/api/registry/assets/team_payments/1.0.0/remoteEntry.js');
      expect(anonymous.status).toBe(404);
    });
  });

  it('lets service tokens reach only the plugins they are for, and says no more than that', async () => {
    const metrics = `Bearer ${backend.metricsToken}`;
    const cli = `Bearer ${backend.publishToken}`;
    const scraped = await request(server).get('/metrics').set('Authorization', metrics);
    expect(scraped.status).toBe(200);
    expect(scraped.text).toContain('permission_policy_eval_ms');
    const onlyMetrics = "This token's access is restricted to plugin(s) 'metrics'";
    const onlyRegistryAndRum = "This token's access is restricted to plugin(s) 'registry', 'rum'";
    for (const [token, path, message] of [
      [metrics, '/api/catalog/entities', onlyMetrics],
      [metrics, '/api/registry/manifest', onlyMetrics],
      [metrics, '/api/registry/remotes/team_payments', onlyMetrics],
      [cli, '/api/catalog/entities', onlyRegistryAndRum],
      [cli, `/api/catalog/entities/by-name/${namePath(HIDDEN)}`, onlyRegistryAndRum],
      [cli, '/api/search/query?term=payments', onlyRegistryAndRum],
      [cli, '/metrics', onlyRegistryAndRum],
      [ADA, '/metrics', "This endpoint does not allow 'user' credentials"],
    ]) {
      const response = await request(server).get(path).set('Authorization', token);
      // The refusal names the token's plugins or the principal type and echoes the caller's own
      // request, nothing the route would have answered: a 403 that said anything of an entity,
      // a remote or an owner would fail here.
      const { error, request: echoed, ...rest } = response.body;
      expect([path, response.status, error?.name, error?.message, echoed?.method]).toEqual([
        path,
        403,
        'NotAllowedError',
        message,
        'GET',
      ]);
      // The request echoed is the caller's own path, as the plugin's router saw it.
      expect([path, path.includes(echoed.url)]).toEqual([path, true]);
      const answered = JSON.stringify({ error, ...rest });
      expect([path, HIDDEN_NAMES.filter(name => answered.includes(name))]).toEqual([path, []]);
    }
  });

  it('answers 401 to unauthenticated requests on every other route', async () => {
    const uid = '00000000-0000-4000-8000-000000000000';
    const routes: Array<[HttpMethod, string]> = [
      ['get', '/api/catalog/entities'],
      ['get', '/api/catalog/entities/by-query'],
      ['post', '/api/catalog/entities/by-query'],
      ['get', `/api/catalog/entities/by-uid/${uid}`],
      ['delete', `/api/catalog/entities/by-uid/${uid}`],
      ['get', `/api/catalog/entities/by-name/${namePath(HIDDEN)}`],
      ['get', `/api/catalog/entities/by-name/${namePath(HIDDEN)}/ancestry`],
      ['post', '/api/catalog/entities/by-refs'],
      ['get', '/api/catalog/entity-facets?facet=kind'],
      ['post', '/api/catalog/entity-facets'],
      ['post', '/api/catalog/refresh'],
      ['get', '/api/catalog/locations'],
      ['post', '/api/catalog/locations'],
      ['post', '/api/catalog/locations/by-query'],
      ['get', `/api/catalog/locations/${uid}`],
      ['put', `/api/catalog/locations/${uid}`],
      ['delete', `/api/catalog/locations/${uid}`],
      ['get', `/api/catalog/locations/by-entity/${namePath(HIDDEN)}`],
      ['post', '/api/catalog/analyze-location'],
      ['post', '/api/catalog/validate-entity'],
      ['get', '/api/catalog/.well-known/backstage/permissions/metadata'],
      ['post', '/api/catalog/.well-known/backstage/permissions/apply-conditions'],
      ...routes401TechDocs(),
      ['get', `/api/search/query?term=${SEARCH_TERM}`],
      ['post', '/api/permission/authorize'],
      ['get', '/api/rum/remote-loads'],
      ['get', '/metrics'],
      ['get', '/api/registry/manifest'],
      ['get', '/api/registry/remotes'],
      ['get', '/api/registry/remotes/team_payments'],
      ['get', '/api/registry/remotes/team_payments/history'],
      ['post', '/api/registry/remotes/team_payments/versions'],
      ['post', '/api/registry/remotes/team_payments/promote'],
      ['put', '/api/registry/remotes/team_payments/live'],
      ['post', '/api/registry/remotes/team_payments/rollback'],
      ['post', '/api/registry/remotes/team_payments/deprecate'],
      ['put', '/api/registry/remotes/team_payments/visibility'],
      ['get', '/api/registry/audit'],
      ['get', '/api/registry/shell-contract'],
      ['post', '/api/registry/shell-contract'],
      ['get', '/api/registry/.well-known/backstage/permissions/metadata'],
    ];
    const answers = [];
    for (const [method, path] of routes) {
      const response = await request(server)[method](path).send({});
      answers.push([method, path, response.status]);
    }
    expect(answers).toEqual(routes.map(([method, path]) => [method, path, 401]));
  });
});

/** The HTTP methods of the routes below, as supertest names its request functions. */
type HttpMethod = 'get' | 'post' | 'put' | 'delete';

function routes401TechDocs(): Array<[HttpMethod, string]> {
  return [
    ['get', `/api/techdocs/static/docs/${docsPath(HIDDEN)}/index.html`],
    ['get', `/api/techdocs/metadata/techdocs/${docsPath(HIDDEN)}`],
    ['get', `/api/techdocs/metadata/entity/${docsPath(HIDDEN)}`],
    ['get', `/api/techdocs/sync/${docsPath(HIDDEN)}`],
  ];
}
