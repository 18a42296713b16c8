import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { ManifestRemote } from '@portico/contract';
import type { SignInSession } from '../auth/SignInSession';
import { RemoteErrorCode } from '../errors/RemoteError';
import { type RemoteLoadReport, reportRemoteLoad } from './reportRemoteLoad';

/**
 * A remote that fails to render this soon after it mounted counts as a load that failed: its
 * load is reported once, as that failure, not as a success and then a failure. A crash later is
 * reported on its own, as a render failure.
 */
export const RENDER_SETTLE_MS = 1_000;

interface PendingSuccess {
  attempt: number;
  send: () => void;
  cancel: () => void;
}

/**
 * Real-user timing of one remote's loads, one report per attempt: `start` when an attempt
 * begins, `loaded` when it ends (a success is held back for RENDER_SETTLE_MS, then sent, or sent
 * at once if the route or the page is left), `renderFailed` when the remote throws while rendering.
 */
export function useRemoteLoadReport(remote: ManifestRemote, backendBaseUrl: string, session: SignInSession) {
  const startedAt = useRef(performance.now());
  const pendingSuccess = useRef<PendingSuccess>();
  const renderFailureReported = useRef(-1);

  const report = useCallback(
    (outcome: RemoteLoadReport['outcome'], code?: string, durationMs = performance.now() - startedAt.current) => {
      // A fresh token: the backend refuses an expired one, and the page may have idled.
      session.getToken().then(
        token =>
          reportRemoteLoad(backendBaseUrl, token, {
            remote: remote.name,
            version: remote.version,
            durationMs,
            outcome,
            code,
          }),
        () => undefined,
      );
    },
    [backendBaseUrl, session, remote],
  );

  const flush = useCallback(() => pendingSuccess.current?.send(), []);

  const start = useCallback(() => {
    flush();
    startedAt.current = performance.now();
  }, [flush]);

  const loaded = useCallback(
    (attempt: number, failureCode?: string) => {
      if (failureCode) {
        report('error', failureCode);
        return;
      }
      const durationMs = performance.now() - startedAt.current;
      const cancel = () => {
        clearTimeout(timer);
        window.removeEventListener('pagehide', send);
        if (pendingSuccess.current === pending) pendingSuccess.current = undefined;
      };
      const send = () => {
        cancel();
        report('ok', undefined, durationMs);
      };
      const timer = setTimeout(send, RENDER_SETTLE_MS);
      const pending = { attempt, send, cancel };
      pendingSuccess.current = pending;
      // A page closed or left meanwhile still reports the load (a beacon outlives the page).
      window.addEventListener('pagehide', send);
    },
    [report],
  );

  const renderFailed = useCallback(
    (attempt: number) => {
      if (renderFailureReported.current === attempt) return;
      renderFailureReported.current = attempt;
      // Failed while it settled: the load failed, and its success is never sent.
      if (pendingSuccess.current?.attempt === attempt) pendingSuccess.current.cancel();
      report('error', RemoteErrorCode.RenderFailed);
    },
    [report],
  );

  // Leaving the route while a success is held back sends it now.
  useEffect(() => flush, [flush]);

  return useMemo(() => ({ start, loaded, renderFailed }), [start, loaded, renderFailed]);
}
