import { ConflictError, NotFoundError } from '@backstage/errors';
import { Knex } from 'knex';
import { findArrival, insertLiveChange } from '../../database/operations/history/history';
import { lockRemote, RemotePointers, updateRemotePointers } from '../../database/operations/remotes/remotes';
import { lockReleases } from '../../database/operations/routes/routes';
import { findVersion } from '../../database/operations/versions/versions';
import { DbTimestamp, RemoteRow, toIso, VersionRow } from '../../database/tables';
import { Actor } from '../actor';
import { checkRouteIsFree } from './routeClash';
import { LiveChange, ReleaseService } from './types';

function isPast(value: DbTimestamp | null, now: Date): boolean {
  return value !== null && new Date(value).getTime() <= now.getTime();
}

/** Refuses a version whose remote or own sunset has passed. */
function checkNotSunset(remote: RemoteRow, target: VersionRow, now: Date) {
  if (isPast(remote.sunset_at, now)) {
    const sunset = toIso(remote.sunset_at!);
    throw new ConflictError(
      `remote: ${remote.name} was deprecated with a sunset of ${sunset}; it can no longer be promoted`,
    );
  }
  if (isPast(target.sunset_at, now)) {
    const sunset = toIso(target.sunset_at!);
    throw new ConflictError(
      `version: ${remote.name}@${target.version} passed its sunset of ${sunset}; it can no longer be promoted`,
    );
  }
}

function checkCanCanary(remote: RemoteRow, version: string) {
  if (!remote.live_version) {
    throw new ConflictError(
      `percent: ${remote.name} has no live version yet; promote one fully before starting a canary`,
    );
  }
  if (remote.live_version === version) {
    throw new ConflictError(`version: ${remote.name}@${version} is already live; a canary needs another version`);
  }
}

export function createReleaseService(options: { database: Knex; now?: () => Date }): ReleaseService {
  const { database: db } = options;
  const now = options.now ?? (() => new Date());

  /**
   * Runs a release change under the release lock (one for every remote: the route check reads
   * other remotes' routes) and on the remote's row, both held on PostgreSQL until it commits.
   * The release lock always comes first, so two releases never wait on each other's row.
   */
  function onLockedRemote<T>(name: string, change: (tx: Knex.Transaction, remote: RemoteRow) => Promise<T>) {
    return db.transaction(async tx => {
      await lockReleases(tx);
      const remote = await lockRemote(tx, name);
      if (!remote) {
        throw new NotFoundError(`No remote named ${name}`);
      }
      return change(tx, remote);
    });
  }

  /** Appends to the history and moves the pointers, inside the caller's transaction. */
  async function record(
    tx: Knex.Transaction,
    name: string,
    change: LiveChange,
    actor: Actor,
    pointers: RemotePointers,
  ): Promise<LiveChange> {
    const at = now().toISOString();
    await updateRemotePointers(tx, name, pointers, at);
    await insertLiveChange(tx, {
      remote_name: name,
      kind: change.kind,
      from_version: change.fromVersion,
      to_version: change.toVersion,
      actor,
      at,
    });
    return change;
  }

  return {
    promote({ name, version, percent, actor }) {
      return onLockedRemote<LiveChange>(name, async (tx, remote) => {
        const target = await findVersion(tx, name, version);
        if (!target) {
          throw new NotFoundError(`version: ${name} has no version ${version}`);
        }
        checkNotSunset(remote, target, now());
        await checkRouteIsFree(tx, name, target.route);
        if (percent !== undefined && percent < 100) {
          checkCanCanary(remote, version);
          const change: LiveChange = { kind: 'canary-start', fromVersion: remote.live_version, toVersion: version };
          return record(tx, name, change, actor, { canary_version: version, canary_percent: percent });
        }
        if (remote.live_version === version && !remote.canary_version) {
          // Already live: nothing moves, so nothing enters the history rollback walks.
          return { kind: 'promote', fromVersion: version, toVersion: version };
        }
        const change: LiveChange = {
          kind: remote.canary_version === version ? 'canary-complete' : 'promote',
          fromVersion: remote.live_version,
          toVersion: version,
        };
        return record(tx, name, change, actor, { live_version: version, canary_version: null, canary_percent: null });
      });
    },

    rollback({ name, actor }) {
      return onLockedRemote<LiveChange>(name, async (tx, remote) => {
        if (remote.canary_version) {
          const change: LiveChange = {
            kind: 'canary-cancel',
            fromVersion: remote.canary_version,
            toVersion: remote.live_version,
          };
          return record(tx, name, change, actor, { canary_version: null, canary_percent: null });
        }
        if (!remote.live_version) {
          throw new ConflictError(`remote: ${name} has no live version to roll back`);
        }
        const arrival = await findArrival(tx, name, remote.live_version);
        if (!arrival?.from_version) {
          throw new ConflictError(
            `remote: ${name}@${remote.live_version} is the first live version; there is nothing to roll back to`,
          );
        }
        const previous = await findVersion(tx, name, arrival.from_version);
        if (previous) {
          // Another remote may have taken the old version's route since it was live.
          await checkRouteIsFree(tx, name, previous.route);
        }
        const change: LiveChange = {
          kind: 'rollback',
          fromVersion: remote.live_version,
          toVersion: arrival.from_version,
        };
        return record(tx, name, change, actor, { live_version: arrival.from_version });
      });
    },
  };
}
