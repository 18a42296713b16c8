import { ConfigSources, EnvConfigSource } from '@backstage/config-loader';
import { resolve } from 'node:path';
import { readOidcSignIn } from './oidcSignIn';

const OIDC = {
  AUTH_OIDC_METADATA_URL: 'https://idp.example.com/.well-known/openid-configuration',
  AUTH_OIDC_CLIENT_ID: 'portico',
  AUTH_OIDC_CLIENT_SECRET: '1234',
};
const options = { productionConfig: false, generateSecret: () => 'generated-secret' };

it('changes nothing without AUTH_OIDC_METADATA_URL', () => {
  expect(readOidcSignIn({ AUTH_OIDC_CLIENT_ID: 'portico' }, options)).toEqual({ backend: {}, shell: {} });
});

it('configures the provider for the development environment and offers it in the shell', () => {
  const settings = readOidcSignIn(OIDC, options);
  expect(JSON.parse(settings.backend.APP_CONFIG_auth_providers_oidc_development)).toEqual({
    metadataUrl: OIDC.AUTH_OIDC_METADATA_URL,
    clientId: 'portico',
    clientSecret: '1234',
    prompt: 'auto',
    signIn: { resolvers: [{ resolver: 'emailMatchingUserEntityProfileEmail' }] },
  });
  expect(settings.backend.APP_CONFIG_auth_session_secret).toBe('"generated-secret"');
  expect(settings.shell).toEqual({
    PORTICO_SIGN_IN_PROVIDERS: 'guest,development,oidc',
    PORTICO_AUTH_ENVIRONMENT: 'development',
  });
});

it("reaches Backstage's config as strings through its APP_CONFIG_ variables", async () => {
  const config = await ConfigSources.toConfig(EnvConfigSource.create({ env: readOidcSignIn(OIDC, options).backend }));
  expect(config.getString('auth.providers.oidc.development.clientSecret')).toBe('1234');
  expect(config.getString('auth.session.secret')).toBe('generated-secret');
  config.close();
});

it('keeps what the shell is told explicitly', () => {
  const settings = readOidcSignIn({ ...OIDC, PORTICO_SIGN_IN_PROVIDERS: 'guest' }, options);
  expect(settings.shell.PORTICO_SIGN_IN_PROVIDERS).toBe('guest');
});

it('leaves the production environment to app-config.production.yaml when it is loaded', () => {
  const settings = readOidcSignIn(
    { ...OIDC, AUTH_ENVIRONMENT: 'production', AUTH_SESSION_SECRET: 's' },
    { ...options, productionConfig: true },
  );
  expect(settings.backend).toEqual({ AUTH_SESSION_SECRET: 's' });
  expect(settings.shell).toEqual({ PORTICO_SIGN_IN_PROVIDERS: 'oidc', PORTICO_AUTH_ENVIRONMENT: 'production' });
});

it('gives the provider the settings app-config.production.yaml gives production', async () => {
  const config = await ConfigSources.toConfig(
    ConfigSources.defaultForTargets({
      targets: [{ type: 'path', target: resolve(__dirname, '../../app-config.production.yaml') }],
      watch: false,
      substitutionFunc: async name => (({ ...OIDC, AUTH_SESSION_SECRET: 's' }) as Record<string, string>)[name],
    }),
  );
  try {
    const settings = readOidcSignIn(OIDC, options);
    expect(JSON.parse(settings.backend.APP_CONFIG_auth_providers_oidc_development)).toEqual(
      config.get('auth.providers.oidc.production'),
    );
  } finally {
    config.close();
  }
});

it('fails naming the variable at fault', () => {
  expect(() => readOidcSignIn({ ...OIDC, AUTH_OIDC_CLIENT_SECRET: '' }, options)).toThrow(
    'AUTH_OIDC_CLIENT_SECRET must be set',
  );
  expect(() => readOidcSignIn({ ...OIDC, AUTH_OIDC_METADATA_URL: 'idp.example.com' }, options)).toThrow(
    'AUTH_OIDC_METADATA_URL',
  );
  expect(() => readOidcSignIn({ ...OIDC, AUTH_ENVIRONMENT: 'prod_eu' }, options)).toThrow('AUTH_ENVIRONMENT');
});
