import type { ShellManifest } from './fetchManifest';

/**
 * The shell's manifest with each remote's entry and integrity taken from a later manifest that
 * serves the same version. Entry URLs carry a signature that expires, so a page left open keeps
 * using the ones its polls bring; a remote whose version changed keeps its old entry (the update
 * notice offers the reload). Answers `current` itself when nothing changed, so that no re-render
 * follows a poll that brought nothing new.
 */
export function withFreshEntries(current: ShellManifest, fresh: ShellManifest): ShellManifest {
  let changed = false;
  const remotes = current.remotes.map(remote => {
    const later = fresh.remotes.find(candidate => candidate.name === remote.name);
    if (!later || later.version !== remote.version || later.entry === remote.entry) return remote;
    changed = true;
    return { ...remote, entry: later.entry, integrity: later.integrity };
  });
  return changed ? { ...current, remotes } : current;
}
