// Types for the one part of `oidc-provider` that `oidcServer.mjs` imports from inside the package
// (its in-memory adapter, which `@types/oidc-provider` does not describe).
declare module 'oidc-provider/lib/adapters/memory_adapter.js' {
  import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider';

  /** What the adapter keeps its models and indexes in (oidc-provider's own LRU cache by default). */
  export interface MemoryAdapterStorage {
    get(key: string): unknown;
    set(key: string, value: unknown, options?: { maxAge?: number }): void;
    delete(key: string): void;
  }

  /** Keeps every instance of one model (`Client`, `Session`, `Grant`, ...) in memory. */
  export default class MemoryAdapter implements Adapter {
    constructor(model: string, store?: MemoryAdapterStorage, clockTolerance?: number);
    /** The name of the model this adapter stores. */
    readonly model: string;
    readonly store: MemoryAdapterStorage | undefined;
    readonly clockTolerance: number;
    get storage(): MemoryAdapterStorage;
    key(id: string): string;
    upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void>;
    find(id: string): Promise<AdapterPayload | undefined>;
    findByUserCode(userCode: string): Promise<AdapterPayload | undefined>;
    findByUid(uid: string): Promise<AdapterPayload | undefined>;
    consume(id: string): Promise<void>;
    destroy(id: string): Promise<void>;
    revokeByGrantId(grantId: string): Promise<void>;
  }

  /** An adapter factory whose models share one new store. */
  export function createMemoryAdapter(clockTolerance?: number): AdapterFactory;
  /** Replaces the store shared by adapters created without one. */
  export function setStorage(store: MemoryAdapterStorage): void;
}
