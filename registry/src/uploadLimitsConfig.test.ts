import { ConfigReader } from '@backstage/config';
import { readRegistryConfig } from './config';

describe('upload limits in registry config', () => {
  it('defaults registry.maxUnpackedBytes to 200 MiB and registry.maxConcurrentUploadsPerCaller to 2', () => {
    for (const config of [new ConfigReader({}), new ConfigReader({ registry: {} })]) {
      expect(readRegistryConfig(config)).toMatchObject({
        maxUnpackedBytes: 200 * 1024 * 1024,
        maxConcurrentUploadsPerCaller: 2,
      });
    }
  });

  it('reads them, and fails start-up naming a key that is not a positive whole number', () => {
    const config = new ConfigReader({ registry: { maxUnpackedBytes: 1024, maxConcurrentUploadsPerCaller: 5 } });
    expect(readRegistryConfig(config)).toMatchObject({ maxUnpackedBytes: 1024, maxConcurrentUploadsPerCaller: 5 });
    expect(() => readRegistryConfig(new ConfigReader({ registry: { maxUnpackedBytes: -1 } }))).toThrow(
      'registry.maxUnpackedBytes',
    );
    expect(() => readRegistryConfig(new ConfigReader({ registry: { maxConcurrentUploadsPerCaller: 1.5 } }))).toThrow(
      'registry.maxConcurrentUploadsPerCaller',
    );
  });
});
