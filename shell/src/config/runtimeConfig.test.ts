import { parseRuntimeConfig } from './runtimeConfig';

describe('parseRuntimeConfig', () => {
  it('fills in the defaults', () => {
    expect(parseRuntimeConfig({ backendBaseUrl: 'http://localhost:7007/' })).toEqual({
      backendBaseUrl: 'http://localhost:7007',
      appTitle: 'Portico',
      remoteLoadTimeoutMs: 15000,
      remoteLoadAttempts: 3,
      remoteRetryBaseDelayMs: 300,
      manifestPollIntervalMs: 30000,
      signInProviders: ['guest', 'development'],
      authEnvironment: 'development',
      oidcTitle: 'Single sign-on',
    });
  });

  it('reads the sign-in providers, the auth environment and the OIDC title', () => {
    const config = parseRuntimeConfig({
      backendBaseUrl: 'https://backend.example.com',
      signInProviders: ['oidc', 'guest'],
      authEnvironment: 'production',
      oidcTitle: 'Acme ID',
    });
    expect(config).toMatchObject({
      signInProviders: ['oidc', 'guest'],
      authEnvironment: 'production',
      oidcTitle: 'Acme ID',
    });
  });

  it('names the key at fault', () => {
    expect(() => parseRuntimeConfig({})).toThrow('backendBaseUrl');
    expect(() => parseRuntimeConfig({ backendBaseUrl: 'http://x', remoteLoadAttempts: 0 })).toThrow(
      'remoteLoadAttempts must be an integer from 1 to 10',
    );
  });

  it('refuses unknown, repeated or no sign-in providers, naming the key', () => {
    for (const signInProviders of [['guest', 'saml'], ['oidc', 'oidc'], [], 'oidc']) {
      expect(() => parseRuntimeConfig({ backendBaseUrl: 'http://x', signInProviders })).toThrow(
        'signInProviders must list one or more of guest, development, oidc once each',
      );
    }
  });

  it('refuses an auth environment that is no config key, and an empty title', () => {
    expect(() => parseRuntimeConfig({ backendBaseUrl: 'http://x', authEnvironment: 'prod.eu' })).toThrow(
      'authEnvironment',
    );
    expect(() => parseRuntimeConfig({ backendBaseUrl: 'http://x', oidcTitle: ' ' })).toThrow('oidcTitle');
  });
});
