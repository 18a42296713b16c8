/**
 * The permission API the shell gives every remote, so that `usePermission` of
 * `@backstage/plugin-permission-react` works in a remote and the real policy decides.
 *
 * Hand-written rather than `IdentityPermissionApi` of plugin-permission-react (with
 * `PermissionClient` of plugin-permission-common): those validate answers with a schema library
 * the shell would have to bundle for one POST. Remotes look APIs up by id, so the ref below is
 * the same API for them.
 */
import { createApiRef } from '@backstage/frontend-plugin-api';
import { describeFailedResponse } from '../errors/describeFailedResponse';

/** What the permission backend decides for one request. */
export type AuthorizeResult = 'ALLOW' | 'DENY' | 'CONDITIONAL';

/** What `usePermission` (plugin-permission-react) asks of the permission API. */
export interface PermissionApi {
  authorize(request: {
    permission: { type: string; name: string; attributes: object; resourceType?: string };
    resourceRef?: string;
  }): Promise<{ result: AuthorizeResult }>;
}

/** `permissionApiRef` of `@backstage/plugin-permission-react`, by its id. */
export const permissionApiRef = createApiRef<PermissionApi>({ id: 'plugin.permission.api' });

type AuthorizeRequest = Parameters<PermissionApi['authorize']>[0];

interface PendingRequest {
  id: string;
  request: AuthorizeRequest;
  settle: (result: Promise<AuthorizeResult>) => void;
}

/**
 * Asks the permission backend (`POST {backend}/api/permission/authorize`) with the user's token,
 * batching the requests made in the same tick into one call, as Backstage's own client does.
 * Every request of a batch that failed rejects with the backend's answer.
 */
export function createPermissionApi(backendBaseUrl: string, getToken: () => Promise<string>): PermissionApi {
  let pending: PendingRequest[] = [];
  let nextId = 0;

  async function send(batch: readonly PendingRequest[]): Promise<Map<string, AuthorizeResult>> {
    const response = await fetch(`${backendBaseUrl}/api/permission/authorize`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${await getToken()}` },
      body: JSON.stringify({
        items: batch.map(({ id, request }) => ({
          id,
          permission: request.permission,
          resourceRef: request.resourceRef,
        })),
      }),
    });
    if (!response.ok) {
      throw new Error(`The permission backend answered ${await describeFailedResponse(response)}`);
    }
    const body = (await response.json()) as { items?: Array<{ id: string; result: AuthorizeResult }> };
    return new Map((body.items ?? []).map(item => [item.id, item.result]));
  }

  function flush() {
    const batch = pending;
    pending = [];
    const answered = send(batch);
    for (const entry of batch) {
      entry.settle(
        answered.then(results => {
          const result = results.get(entry.id);
          if (!result) throw new Error(`The permission backend did not answer request ${entry.id}`);
          return result;
        }),
      );
    }
  }

  return {
    authorize(request) {
      return new Promise(resolve => {
        if (pending.length === 0) queueMicrotask(flush);
        pending.push({
          id: String(nextId++),
          request,
          settle: result => resolve(result.then(value => ({ result: value }))),
        });
      });
    },
  };
}
