/** A remote whose live version differs from the one this page loaded. */
export interface VersionChange {
  name: string;
  title: string;
  /** The version this page shows; undefined for a remote that appeared since. */
  from?: string;
  /** The live version now; undefined for a remote that is gone. */
  to?: string;
}

interface Versioned {
  name: string;
  title: string;
  version?: string;
}

/** What changed between the manifest a page loaded and the current one, in the current order. */
export function diffVersions(loaded: readonly Versioned[], current: readonly Versioned[]): VersionChange[] {
  const before = new Map(loaded.map(remote => [remote.name, remote]));
  const changes: VersionChange[] = [];
  for (const remote of current) {
    const previous = before.get(remote.name);
    if (!previous || previous.version !== remote.version) {
      changes.push({ name: remote.name, title: remote.title, from: previous?.version, to: remote.version });
    }
    before.delete(remote.name);
  }
  for (const gone of before.values()) {
    changes.push({ name: gone.name, title: gone.title, from: gone.version, to: undefined });
  }
  return changes;
}

/**
 * Polls the manifest every `intervalMs` while the page is visible (and once as soon as it comes
 * back), calling `onChanges` with the differences from `loaded` whenever they change. A failed
 * poll is ignored: the next one tries again. Returns a function that stops polling.
 */
export function watchManifest(options: {
  intervalMs: number;
  loaded: readonly Versioned[];
  fetchCurrent: () => Promise<readonly Versioned[]>;
  onChanges: (changes: VersionChange[]) => void;
}): () => void {
  const { intervalMs, loaded, fetchCurrent, onChanges } = options;
  if (intervalMs <= 0) return () => undefined;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let polling = false;
  let lastReported = '[]';

  const schedule = () => {
    clearTimeout(timer);
    if (!stopped) timer = setTimeout(poll, intervalMs);
  };
  const poll = async () => {
    if (stopped || polling) return;
    if (document.visibilityState === 'hidden') {
      schedule();
      return;
    }
    polling = true;
    try {
      const changes = diffVersions(loaded, await fetchCurrent());
      const key = JSON.stringify(changes);
      if (!stopped && key !== lastReported) {
        lastReported = key;
        onChanges(changes);
      }
    } catch {
      // Offline or the backend restarting: the next poll tries again.
    } finally {
      polling = false;
      schedule();
    }
  };
  const onVisible = () => {
    if (document.visibilityState === 'visible') void poll();
  };
  document.addEventListener('visibilitychange', onVisible);
  schedule();
  return () => {
    stopped = true;
    clearTimeout(timer);
    document.removeEventListener('visibilitychange', onVisible);
  };
}
