import { Config } from '@backstage/config';

/**
 * Development sign-in lets anyone sign in as any catalog user, so that permission rules can be
 * shown and tested with real identities. It must never run in production: reading the config
 * throws (and so stops the backend at start) when it is enabled with a production setup.
 */
export function readDevSignInEnabled(config: Config): boolean {
  const enabled = config.getOptionalBoolean('portico.devSignIn.enabled') ?? false;
  if (!enabled) return false;
  const authEnvironment = config.getOptionalString('auth.environment') ?? 'development';
  if (process.env.NODE_ENV === 'production' || authEnvironment === 'production') {
    throw new Error(
      'Invalid config at portico.devSignIn.enabled: development sign-in lets anyone sign in as anyone and is ' +
        `refused with a production configuration (NODE_ENV=${process.env.NODE_ENV ?? ''}, ` +
        `auth.environment=${authEnvironment}). Set it to false.`,
    );
  }
  return true;
}
