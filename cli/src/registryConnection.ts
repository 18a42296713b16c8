import { ResponseError } from '@backstage/errors';
import { createRegistryClient, describeRegistryError, RegistryClient } from '@portico/contract/client';

/** Where the CLI talks to and with which token. */
export interface ConnectionOptions {
  /** The Backstage backend's URL, such as `http://localhost:7007`. */
  backendUrl: string;
  /** A token the backend accepts, sent as a bearer token. */
  token?: string;
}

/** The registry client the commands use, and how a failure of one of its calls reads. */
export interface RegistryConnection {
  client: RegistryClient;
  /** `POST /api/registry/remotes/x/versions answered 409: <the server's message>`, or why it failed. */
  describeError(error: unknown): string;
}

/**
 * Connects the registry client to the backend with Node's fetch, sending the token on every
 * call. A backend that cannot be reached is named in the error, with a hint to start it.
 */
export function createRegistryConnection(options: ConnectionOptions): RegistryConnection {
  const backendUrl = options.backendUrl.replace(/\/+$/, '');
  // Which method each answer was for, so that a refusal can name the call it refused.
  const methods = new WeakMap<object, string>();

  async function fetchWithToken(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    // A CLI run makes a few calls and exits; an idle keep-alive socket would only hold it open.
    headers.set('Connection', 'close');
    if (options.token) headers.set('Authorization', `Bearer ${options.token}`);
    try {
      const response = await fetch(input, { ...init, headers });
      methods.set(response, init.method ?? 'GET');
      return response;
    } catch (error) {
      const reason = (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
      throw new Error(
        `Cannot reach the registry at ${new URL(backendUrl).origin} (${reason}); is the backend running?`,
      );
    }
  }

  return {
    client: createRegistryClient({ baseUrl: `${backendUrl}/api/registry`, fetchApi: { fetch: fetchWithToken } }),
    describeError(error) {
      if (!ResponseError.is(error)) return describeRegistryError(error);
      const { response, statusCode } = error;
      const method = methods.get(response) ?? error.body.request?.method;
      const call = `${method ? `${method} ` : ''}${new URL(response.url).pathname}`;
      return `${call} answered ${statusCode}: ${describeRegistryError(error)}`;
    },
  };
}
