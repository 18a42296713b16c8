import { joinRemotePath } from './remotePaths';

describe('joinRemotePath', () => {
  it('mounts the root page at the route itself', () => {
    expect(joinRemotePath('/payments', '/')).toBe('/payments');
  });

  it('mounts a sub-path below the route', () => {
    expect(joinRemotePath('/payments', '/settings')).toBe('/payments/settings');
    expect(joinRemotePath('/payments', 'docs/:name')).toBe('/payments/docs/:name');
  });

  it('ignores trailing slashes on either side', () => {
    expect(joinRemotePath('/payments/', 'settings/')).toBe('/payments/settings');
  });
});
