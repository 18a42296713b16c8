import { AuthService, BackstageCredentials } from '@backstage/backend-plugin-api';
import { Request } from 'express';
import { Actor } from '../../services/actor';

/** Who is asking, and the request they asked with (Backstage's auditor records where it came from). */
export interface RegistryCaller {
  credentials: BackstageCredentials;
  request?: Request;
}

/** The actor the registry records for some credentials: a user entity ref or a service subject. */
export function actorOf(auth: AuthService, credentials: BackstageCredentials): Actor {
  if (auth.isPrincipal(credentials, 'user')) return credentials.principal.userEntityRef;
  if (auth.isPrincipal(credentials, 'service')) return credentials.principal.subject;
  return 'anonymous';
}
