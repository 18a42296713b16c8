import { createHash } from 'node:crypto';
import { SIGN_IN_PROVIDERS as BROWSER_SIGN_IN_PROVIDERS } from '../src/config/runtimeConfig';
import {
  buildContentSecurityPolicy,
  readShellServerConfig,
  registryAssetsSource,
  SIGN_IN_PROVIDERS,
} from './serverConfig.cjs';

describe('readShellServerConfig', () => {
  it('reads the runtime settings and the remote origins from the environment', () => {
    const config = readShellServerConfig({
      PORTICO_BACKEND_URL: 'http://localhost:7007/',
      PORTICO_REMOTE_ORIGINS: 'https://cdn.example.com/team/, http://127.0.0.1:3208',
      PORTICO_MANIFEST_POLL_MS: '1000',
    });
    expect(config.port).toBe(3000);
    expect(config.remoteOrigins).toEqual(['https://cdn.example.com', 'http://127.0.0.1:3208']);
    expect(config.runtimeConfig).toMatchObject({
      backendBaseUrl: 'http://localhost:7007',
      manifestPollIntervalMs: 1000,
      remoteLoadAttempts: 3,
    });
  });

  it('offers guest and development sign-in unless told otherwise', () => {
    expect(readShellServerConfig({}).runtimeConfig).toMatchObject({
      signInProviders: ['guest', 'development'],
      authEnvironment: 'development',
      oidcTitle: 'Single sign-on',
    });
  });

  it('reads the sign-in providers, the auth environment and the OIDC title', () => {
    const config = readShellServerConfig({
      PORTICO_SIGN_IN_PROVIDERS: 'oidc, guest',
      PORTICO_AUTH_ENVIRONMENT: 'production',
      PORTICO_OIDC_TITLE: 'Acme ID',
    });
    expect(config.runtimeConfig).toMatchObject({
      signInProviders: ['oidc', 'guest'],
      authEnvironment: 'production',
      oidcTitle: 'Acme ID',
    });
  });

  it('knows the same sign-in providers as the browser', () => {
    expect(SIGN_IN_PROVIDERS).toEqual(BROWSER_SIGN_IN_PROVIDERS);
  });

  it('refuses unknown or repeated sign-in providers, naming the variable', () => {
    expect(() => readShellServerConfig({ PORTICO_SIGN_IN_PROVIDERS: 'guest,saml' })).toThrow(
      'PORTICO_SIGN_IN_PROVIDERS must list sign-in providers among guest, development, oidc, got "saml"',
    );
    expect(() => readShellServerConfig({ PORTICO_SIGN_IN_PROVIDERS: 'oidc,oidc' })).toThrow(
      'PORTICO_SIGN_IN_PROVIDERS',
    );
    expect(() => readShellServerConfig({ PORTICO_SIGN_IN_PROVIDERS: ',' })).toThrow('PORTICO_SIGN_IN_PROVIDERS');
  });

  it('refuses an auth environment that is no config key and an overlong title, naming the variable', () => {
    expect(() => readShellServerConfig({ PORTICO_AUTH_ENVIRONMENT: 'prod_eu' })).toThrow('PORTICO_AUTH_ENVIRONMENT');
    expect(() => readShellServerConfig({ PORTICO_OIDC_TITLE: 'x'.repeat(61) })).toThrow('PORTICO_OIDC_TITLE');
  });

  it('fails naming the variable at fault', () => {
    expect(() => readShellServerConfig({ PORTICO_REMOTE_ORIGINS: 'cdn.example.com' })).toThrow(
      'PORTICO_REMOTE_ORIGINS',
    );
    expect(() => readShellServerConfig({ PORTICO_REMOTE_LOAD_TIMEOUT_MS: 'soon' })).toThrow(
      'PORTICO_REMOTE_LOAD_TIMEOUT_MS',
    );
  });
});

describe('buildContentSecurityPolicy', () => {
  const script = 'document.documentElement.dataset.theme="dark"';
  const policy = buildContentSecurityPolicy({
    backendUrl: 'http://localhost:7007',
    remoteOrigins: ['https://cdn.example.com'],
    indexHtml: `<html><head><script>${script}</script><script defer src="/main.js"></script></head></html>`,
  });
  const directive = (name: string) => policy.split('; ').find(part => part.startsWith(`${name} `));

  it("admits scripts from the shell, the registry's assets path and the listed origins only", () => {
    const hash = createHash('sha256').update(script).digest('base64');
    expect(directive('script-src')).toBe(
      `script-src 'self' http://localhost:7007/api/registry/assets/ https://cdn.example.com 'sha256-${hash}'`,
    );
    expect(directive('connect-src')).toBe("connect-src 'self' http://localhost:7007 https://cdn.example.com");
    expect(policy).not.toContain("'unsafe-eval'");
  });

  it("admits no script from the rest of the backend's origin, even when it is listed as a remote origin", () => {
    const listed = buildContentSecurityPolicy({
      backendUrl: 'https://portal.example.com/backend/',
      remoteOrigins: ['https://portal.example.com', 'https://cdn.example.com'],
      indexHtml: '',
    });
    const scripts = listed.split('; ').find(part => part.startsWith('script-src '));
    expect(scripts).toBe(
      "script-src 'self' https://portal.example.com/backend/api/registry/assets/ https://cdn.example.com",
    );
    expect(listed).toContain("connect-src 'self' https://portal.example.com https://cdn.example.com");
  });

  it('keeps a backend path that would break the policy inside its source', () => {
    expect(registryAssetsSource('https://portal.example.com/a;b,c')).toBe(
      'https://portal.example.com/a%3Bb%2Cc/api/registry/assets/',
    );
  });

  it('forbids plugins, framing and base-URL changes', () => {
    expect(directive('object-src')).toBe("object-src 'none'");
    expect(directive('frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(directive('base-uri')).toBe("base-uri 'self'");
  });
});
