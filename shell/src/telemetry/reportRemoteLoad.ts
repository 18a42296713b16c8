/**
 * Real-user timing of remote loads, sent to the backend's `rum` plugin
 * (`POST {backend}/api/rum/beacon`, see backend/src/plugins/rum/README.md).
 *
 * `navigator.sendBeacon` survives the page being closed and never delays it, but cannot set an
 * Authorization header: the user's Backstage token travels in the body, which the backend
 * validates with its auth service. The body is a string, so it is sent as `text/plain`, a
 * CORS-safelisted type: no preflight for the cross-origin backend.
 */

import type { RemoteLoadReport } from '@portico/contract';

export type { RemoteLoadReport };

/** The beacon endpoint of a backend. */
export function beaconUrl(backendBaseUrl: string): string {
  return `${backendBaseUrl}/api/rum/beacon`;
}

/** Sends one report, best effort: telemetry never breaks the portal. */
export function reportRemoteLoad(backendBaseUrl: string, token: string | undefined, report: RemoteLoadReport): void {
  if (!token || typeof navigator === 'undefined' || typeof navigator.sendBeacon !== 'function') return;
  const body = JSON.stringify({
    token,
    loads: [{ ...report, durationMs: Math.max(0, Math.round(report.durationMs)) }],
  });
  try {
    navigator.sendBeacon(beaconUrl(backendBaseUrl), body);
  } catch {
    // A full beacon queue or a blocked URL: the report is lost, the page is not.
  }
}
