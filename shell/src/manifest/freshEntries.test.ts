import type { ManifestRemote } from '@portico/contract';
import type { ShellManifest } from './fetchManifest';
import { withFreshEntries } from './freshEntries';

const remote = (name: string, version: string, signature: string): ManifestRemote => ({
  name,
  version,
  entry: `http://backend.test/api/registry/assets/${name}/${version}/~s/${signature}/remoteEntry.js`,
  integrity: `sha384-${name}${version}`,
  route: `/${name}`,
  title: name,
  owner: 'group:default/team',
  track: 'stable',
});
const manifest = (...remotes: ManifestRemote[]): ShellManifest => ({ remotes, unusable: [] });

it('takes the freshly signed entry of a remote still served at the same version', () => {
  const current = manifest(remote('payments', '1.0.0', 'old'), remote('search', '2.0.0', 'old'));
  const fresh = manifest(remote('payments', '1.0.0', 'new'), remote('search', '2.1.0', 'new'));
  const refreshed = withFreshEntries(current, fresh);
  expect(refreshed.remotes.map(r => r.entry)).toEqual([
    remote('payments', '1.0.0', 'new').entry,
    // A new version is the update notice's business: the page keeps what it shows.
    remote('search', '2.0.0', 'old').entry,
  ]);
});

it('answers the same manifest when a poll brings nothing new', () => {
  const current = manifest(remote('payments', '1.0.0', 'same'));
  expect(withFreshEntries(current, manifest(remote('payments', '1.0.0', 'same')))).toBe(current);
  expect(withFreshEntries(current, manifest())).toBe(current);
});
