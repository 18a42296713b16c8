import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult, createPermission } from '@backstage/plugin-permission-common';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import { PLATFORM_ENGINEERS, PorticoPermissionPolicy } from './PorticoPermissionPolicy';

function userIn(...groups: string[]): PolicyQueryUser {
  const userEntityRef = 'user:default/someone';
  return {
    credentials: mockCredentials.user(userEntityRef),
    info: { userEntityRef, ownershipEntityRefs: [userEntityRef, ...groups] },
  };
}

const policy = new PorticoPermissionPolicy();
const otherPermission = createPermission({ name: 'registry.remote.publish', attributes: { action: 'create' } });

describe('PorticoPermissionPolicy', () => {
  it('allows catalog reads to platform engineers', async () => {
    const decision = await policy.handle({ permission: catalogEntityReadPermission }, userIn(PLATFORM_ENGINEERS));
    expect(decision.result).toBe(AuthorizeResult.ALLOW);
  });

  it('denies catalog reads to members of other groups', async () => {
    const decision = await policy.handle({ permission: catalogEntityReadPermission }, userIn('group:default/payments-team'));
    expect(decision.result).toBe(AuthorizeResult.DENY);
  });

  it('denies a request without a user', async () => {
    const decision = await policy.handle({ permission: catalogEntityReadPermission });
    expect(decision.result).toBe(AuthorizeResult.DENY);
  });

  it('denies by default what no rule grants, even to platform engineers', async () => {
    const decision = await policy.handle({ permission: otherPermission }, userIn(PLATFORM_ENGINEERS));
    expect(decision.result).toBe(AuthorizeResult.DENY);
  });

  it('does not mistake a group of the same name in another namespace', async () => {
    const decision = await policy.handle(
      { permission: catalogEntityReadPermission },
      userIn('group:other/platform-engineers'),
    );
    expect(decision.result).toBe(AuthorizeResult.DENY);
  });
});
