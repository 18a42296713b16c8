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
    });
  });

  it('names the key at fault', () => {
    expect(() => parseRuntimeConfig({})).toThrow('backendBaseUrl');
    expect(() => parseRuntimeConfig({ backendBaseUrl: 'http://x', remoteLoadAttempts: 0 })).toThrow(
      'remoteLoadAttempts must be an integer from 1 to 10',
    );
  });
});
