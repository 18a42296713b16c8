import { openSignInPopup, type PopupHost, SignInPopupError } from './signInPopup';

const START_URL = 'http://localhost:7007/api/auth/oidc/start?env=development&flow=popup';
const BACKEND = 'http://localhost:7007';

/** A window with a popup it opened (or none, when the browser blocks it). */
function fakeHost(options: { blocked?: boolean } = {}) {
  const popup = { closed: false };
  const listeners = new Set<(event: MessageEvent) => void>();
  const opened: string[] = [];
  const host: PopupHost = {
    open: url => {
      opened.push(url);
      return options.blocked ? null : popup;
    },
    addEventListener: (_type, listener) => listeners.add(listener),
    removeEventListener: (_type, listener) => listeners.delete(listener),
    location: { origin: 'http://localhost:3000' },
    screen: { width: 1280, height: 800 },
  };
  const post = (data: unknown, from: { source?: unknown; origin?: string } = {}) => {
    const event = { data, source: from.source ?? popup, origin: from.origin ?? BACKEND } as unknown as MessageEvent;
    for (const listener of [...listeners]) listener(event);
  };
  return { host, popup, opened, listeners, post };
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

it("opens the backend's start URL and resolves with the authorization response", async () => {
  const { host, opened, listeners, post } = fakeHost();
  const result = openSignInPopup({ url: START_URL, name: 'sign-in', host });
  expect(opened).toEqual([START_URL]);
  post({ type: 'config_info', targetOrigin: 'http://localhost:3000' });
  post({ type: 'authorization_response', response: { backstageIdentity: { token: 't' } } });
  await expect(result).resolves.toEqual({ backstageIdentity: { token: 't' } });
  expect(listeners.size).toBe(0);
});

it('ignores messages from other windows and other origins', async () => {
  const { host, post } = fakeHost();
  const result = openSignInPopup({ url: START_URL, name: 'sign-in', host });
  post({ type: 'authorization_response', response: 'forged' }, { source: {} });
  post({ type: 'authorization_response', response: 'forged' }, { origin: 'http://evil.example' });
  post('not an object');
  post({ type: 'authorization_response', response: 'real' });
  await expect(result).resolves.toBe('real');
});

it("rejects with the backend's error", async () => {
  const { host, post } = fakeHost();
  const result = openSignInPopup({ url: START_URL, name: 'sign-in', host });
  post({ type: 'authorization_response', error: { name: 'Error', message: 'unable to resolve user identity' } });
  await expect(result).rejects.toMatchObject({ reason: 'refused', message: 'unable to resolve user identity' });
});

it('says so when the browser blocks the popup', async () => {
  const { host } = fakeHost({ blocked: true });
  const result = openSignInPopup({ url: START_URL, name: 'sign-in', host });
  await expect(result).rejects.toBeInstanceOf(SignInPopupError);
  await expect(result).rejects.toMatchObject({
    reason: 'blocked',
    message: expect.stringMatching(/blocked the sign-in window/),
  });
});

it('says so when the user closes the popup, and stops listening', async () => {
  const { host, popup, listeners } = fakeHost();
  const result = openSignInPopup({ url: START_URL, name: 'sign-in', host });
  popup.closed = true;
  jest.advanceTimersByTime(100);
  await expect(result).rejects.toMatchObject({
    reason: 'closed',
    message: expect.stringMatching(/closed before signing in finished/),
  });
  expect(listeners.size).toBe(0);
});

it("names the origin the backend answered for when it is not this page's", async () => {
  const { host, popup, post } = fakeHost();
  const result = openSignInPopup({ url: START_URL, name: 'sign-in', host });
  post({ type: 'config_info', targetOrigin: 'http://localhost:3999' });
  popup.closed = true;
  jest.advanceTimersByTime(100);
  await expect(result).rejects.toMatchObject({
    reason: 'wrong-origin',
    message: expect.stringContaining('http://localhost:3999'),
  });
});
