import { createHash } from 'node:crypto';
import { buildContentSecurityPolicy, readShellServerConfig } from './serverConfig.cjs';

describe('readShellServerConfig', () => {
  it('reads the runtime settings and the remote origins from the environment', () => {
    const config = readShellServerConfig({
      PORTICO_BACKEND_URL: 'http://localhost:7007/',
      PORTICO_REMOTE_ORIGINS: 'https://cdn.example.com/team/, http://127.0.0.1:3208',
      PORTICO_MANIFEST_POLL_MS: '1000',
    });
    expect(config.port).toBe(3000);
    expect(config.remoteOrigins).toEqual(['https://cdn.example.com', 'http://127.0.0.1:3208']);
    expect(config.runtimeConfig).toMatchObject({ backendBaseUrl: 'http://localhost:7007', manifestPollIntervalMs: 1000, remoteLoadAttempts: 3 });
  });

  it('fails naming the variable at fault', () => {
    expect(() => readShellServerConfig({ PORTICO_REMOTE_ORIGINS: 'cdn.example.com' })).toThrow('PORTICO_REMOTE_ORIGINS');
    expect(() => readShellServerConfig({ PORTICO_REMOTE_LOAD_TIMEOUT_MS: 'soon' })).toThrow('PORTICO_REMOTE_LOAD_TIMEOUT_MS');
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

  it("admits scripts from the shell, the registry's assets and the listed origins only", () => {
    const hash = createHash('sha256').update(script).digest('base64');
    expect(directive('script-src')).toBe(`script-src 'self' http://localhost:7007 https://cdn.example.com 'sha256-${hash}'`);
    expect(directive('connect-src')).toBe("connect-src 'self' http://localhost:7007 https://cdn.example.com");
    expect(policy).not.toContain("'unsafe-eval'");
  });

  it('forbids plugins, framing and base-URL changes', () => {
    expect(directive('object-src')).toBe("object-src 'none'");
    expect(directive('frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(directive('base-uri')).toBe("base-uri 'self'");
  });
});
