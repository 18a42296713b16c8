/**
 * Backstage's popup sign-in, the protocol of `@backstage/core-app-api`'s `openLoginPopup` (used by
 * its DefaultAuthConnector): the popup opens the auth backend's `/start` URL with `flow=popup`, goes
 * through the identity provider, and ends on the backend's `/handler/frame` page, which posts to
 * its opener first `{ type: 'config_info', targetOrigin }` (to any origin) and then
 * `{ type: 'authorization_response', response | error }` (to `targetOrigin` only), and closes
 * itself (plugin-auth-node's `sendWebMessageResponse`). Messages count only from the popup itself
 * and from the backend's origin.
 */

/** Why a popup sign-in did not end with an identity. */
export type SignInPopupFailure = 'blocked' | 'closed' | 'wrong-origin' | 'refused';

/** A popup sign-in that failed; `reason` says how, the message says it for people. */
export class SignInPopupError extends Error {
  readonly reason: SignInPopupFailure;

  constructor(reason: SignInPopupFailure, message: string) {
    super(message);
    this.name = 'SignInPopupError';
    this.reason = reason;
  }
}

/** The parts of `window` the popup needs (a fake in tests). */
export interface PopupHost {
  open(url: string, target: string, features: string): { closed: boolean } | null;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  location: { origin: string };
  screen: { width: number; height: number };
}

/** How often to look whether the user closed the popup; Backstage's value (its handler page waits as long before closing). */
const CLOSED_POLL_MS = 100;
const WIDTH = 450;
const HEIGHT = 730;

type PopupMessage =
  | { type: 'config_info'; targetOrigin?: string }
  | { type: 'authorization_response'; response?: unknown; error?: { name?: string; message?: string } };

function isPopupMessage(data: unknown): data is PopupMessage {
  return typeof data === 'object' && data !== null && typeof (data as { type?: unknown }).type === 'string';
}

/**
 * Opens the sign-in popup at `url` (the auth backend's `/start`) and resolves with the backend's
 * authorization response: `{ profile, providerInfo, backstageIdentity }`. Call it straight from a
 * click handler: browsers block popups opened later. Rejects with a {@link SignInPopupError}.
 */
export function openSignInPopup(options: { url: string; name: string; host?: PopupHost }): Promise<unknown> {
  const host = options.host ?? (window as unknown as PopupHost);
  const backendOrigin = new URL(options.url).origin;
  return new Promise((resolve, reject) => {
    const left = Math.max(0, host.screen.width / 2 - WIDTH / 2);
    const top = Math.max(0, host.screen.height / 2 - HEIGHT / 2);
    const popup = host.open(options.url, options.name, `popup,width=${WIDTH},height=${HEIGHT},left=${left},top=${top}`);
    if (!popup || popup.closed) {
      reject(
        new SignInPopupError(
          'blocked',
          'The browser blocked the sign-in window. Allow pop-ups for this site and try again.',
        ),
      );
      return;
    }

    let targetOrigin = '';
    const onMessage = (event: MessageEvent) => {
      if (event.source !== popup || event.origin !== backendOrigin || !isPopupMessage(event.data)) return;
      const data = event.data;
      if (data.type === 'config_info') {
        targetOrigin = data.targetOrigin ?? '';
        return;
      }
      if (data.type !== 'authorization_response') return;
      done();
      if (data.error) {
        reject(new SignInPopupError('refused', data.error.message || 'The sign-in was refused.'));
      } else {
        resolve(data.response);
      }
    };
    const timer = setInterval(() => {
      if (!popup.closed) return;
      done();
      // The backend posts its answer to the app origin it is configured for (app.baseUrl) when
      // it refuses this page's: then only config_info arrives here, and says so.
      if (targetOrigin && targetOrigin !== host.location.origin) {
        reject(
          new SignInPopupError(
            'wrong-origin',
            `The sign-in answered for ${targetOrigin}, not for this page (${host.location.origin}): ` +
              `the backend's app.baseUrl must be the shell's origin.`,
          ),
        );
      } else {
        reject(new SignInPopupError('closed', 'The sign-in window was closed before signing in finished.'));
      }
    }, CLOSED_POLL_MS);
    function done() {
      host.removeEventListener('message', onMessage);
      clearInterval(timer);
    }
    host.addEventListener('message', onMessage);
  });
}
