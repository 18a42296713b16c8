/** @jest-environment jsdom */
import { renderHook } from '@testing-library/react';
import type { ManifestRemote } from '@portico/contract';
import type { SignInSession } from '../auth/SignInSession';
import { RENDER_SETTLE_MS, useRemoteLoadReport } from './useRemoteLoadReport';

const remote = { name: 'team_payments', version: '1.0.1' } as ManifestRemote;
const session = { getToken: async () => 'token' } as unknown as SignInSession;

/** The outcomes (and codes) of the beacons sent so far, after pending promises have settled. */
let beacons: string[] = [];
async function sent(): Promise<string[]> {
  await Promise.resolve();
  await Promise.resolve();
  return beacons;
}

beforeEach(() => {
  jest.useFakeTimers();
  beacons = [];
  Object.defineProperty(navigator, 'sendBeacon', {
    configurable: true,
    value: (_url: string, body: string) => {
      const [load] = JSON.parse(body).loads;
      beacons.push(load.code ? `${load.outcome} ${load.code}` : load.outcome);
      return true;
    },
  });
});

afterEach(() => jest.useRealTimers());

function hook() {
  return renderHook(() => useRemoteLoadReport(remote, 'http://backend.test', session));
}

describe('useRemoteLoadReport', () => {
  it('sends a success once the remote has rendered for a while', async () => {
    const { result } = hook();
    result.current.loaded(0);
    jest.advanceTimersByTime(RENDER_SETTLE_MS - 1);
    expect(await sent()).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(await sent()).toEqual(['ok']);
  });

  it('reports a remote that mounts and then fails to render once, as the failure', async () => {
    const { result } = hook();
    result.current.loaded(0);
    result.current.renderFailed(0);
    result.current.renderFailed(0);
    jest.advanceTimersByTime(RENDER_SETTLE_MS * 2);
    expect(await sent()).toEqual(['error PORTICO_REMOTE_RENDER_FAILED']);
  });

  it('reports a later crash on its own', async () => {
    const { result } = hook();
    result.current.loaded(0);
    jest.advanceTimersByTime(RENDER_SETTLE_MS);
    result.current.renderFailed(0);
    expect(await sent()).toEqual(['ok', 'error PORTICO_REMOTE_RENDER_FAILED']);
  });

  it('sends a held-back success at once when the page is left, the route left, or the remote retried', async () => {
    const { result, unmount } = hook();
    result.current.loaded(0);
    window.dispatchEvent(new Event('pagehide'));
    expect(await sent()).toEqual(['ok']);

    result.current.loaded(1);
    result.current.start();
    expect(await sent()).toEqual(['ok', 'ok']);

    result.current.loaded(2);
    unmount();
    jest.advanceTimersByTime(RENDER_SETTLE_MS);
    expect(await sent()).toEqual(['ok', 'ok', 'ok']);
  });

  it('sends a failed load at once', async () => {
    const { result } = hook();
    result.current.loaded(0, 'PORTICO_REMOTE_ENTRY_NOT_FOUND');
    expect(await sent()).toEqual(['error PORTICO_REMOTE_ENTRY_NOT_FOUND']);
  });
});
