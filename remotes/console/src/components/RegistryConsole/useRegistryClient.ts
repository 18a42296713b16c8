import { useMemo } from 'react';
import { discoveryApiRef, fetchApiRef, useApi } from '@backstage/core-plugin-api';
import { createRegistryClient, type RegistryClient } from '@portico/contract/client';

/** The registry's client, calling as the signed-in user through the shell's fetch API. */
export function useRegistryClient(): RegistryClient {
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  return useMemo(() => createRegistryClient({ discoveryApi, fetchApi }), [discoveryApi, fetchApi]);
}
