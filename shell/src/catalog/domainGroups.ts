/**
 * Navigation grouped by domain. The manifest names each remote's owning group; the catalog says
 * which domains each group owns. A remote is listed under the domain its owner owns (the first
 * by title when it owns several), or under "Other" when its owner owns none or the catalog
 * cannot be read.
 */

/** A domain as the navigation shows it. */
export interface DomainInfo {
  /** Entity ref, such as `domain:default/commerce`. */
  ref: string;
  title: string;
}

export interface NavItem {
  name: string;
  title: string;
  route: string;
  owner?: string;
}

export interface NavGroup<T extends NavItem = NavItem> {
  /** The domain's title, or "Other". */
  title: string;
  /** The domain's entity ref; undefined for "Other". */
  ref?: string;
  items: T[];
}

export const OTHER_GROUP_TITLE = 'Other';

/**
 * Normalises an owner reference (`payments-team`, `group:payments-team`) to `group:default/payments-team`.
 * Not `parseEntityRef` of `@backstage/catalog-model`: the navigation is on the first screen, which
 * does not carry Backstage packages.
 */
export function normalizeOwnerRef(ref: string): string {
  const withKind = ref.includes(':') ? ref : `group:${ref}`;
  const [kind, rest] = [withKind.slice(0, withKind.indexOf(':')), withKind.slice(withKind.indexOf(':') + 1)];
  return `${kind}:${rest.includes('/') ? rest : `default/${rest}`}`.toLowerCase();
}

interface DomainEntity {
  metadata?: { name?: string; namespace?: string; title?: string };
  spec?: { owner?: string };
}

/** Maps each owner to the domains it owns, sorted by title. */
export function domainsByOwner(entities: readonly DomainEntity[]): Map<string, DomainInfo[]> {
  const byOwner = new Map<string, DomainInfo[]>();
  for (const entity of entities) {
    const name = entity.metadata?.name;
    const owner = entity.spec?.owner;
    if (!name || !owner) continue;
    const domain = {
      ref: `domain:${entity.metadata?.namespace ?? 'default'}/${name}`,
      title: entity.metadata?.title || name,
    };
    const key = normalizeOwnerRef(owner);
    byOwner.set(
      key,
      [...(byOwner.get(key) ?? []), domain].sort((a, b) => a.title.localeCompare(b.title)),
    );
  }
  return byOwner;
}

/** Groups remotes by their owner's domain: domains by title, "Other" last, remotes in manifest order. */
export function groupByDomain<T extends NavItem>(
  items: readonly T[],
  byOwner: ReadonlyMap<string, DomainInfo[]>,
): NavGroup<T>[] {
  const groups = new Map<string, NavGroup<T>>();
  const other: NavGroup<T> = { title: OTHER_GROUP_TITLE, items: [] };
  for (const item of items) {
    const domain = item.owner ? byOwner.get(normalizeOwnerRef(item.owner))?.[0] : undefined;
    if (!domain) {
      other.items.push(item);
      continue;
    }
    const group = groups.get(domain.ref) ?? { title: domain.title, ref: domain.ref, items: [] };
    group.items.push(item);
    groups.set(domain.ref, group);
  }
  const sorted = [...groups.values()].sort((a, b) => a.title.localeCompare(b.title));
  return other.items.length > 0 ? [...sorted, other] : sorted;
}

/** Reads the catalog's domains; an empty map when the catalog cannot be read (the nav then shows "Other"). */
export async function fetchDomainsByOwner(backendBaseUrl: string, token: string): Promise<Map<string, DomainInfo[]>> {
  try {
    const query = 'filter=kind=domain&fields=metadata.name,metadata.namespace,metadata.title,spec.owner';
    const response = await fetch(`${backendBaseUrl}/api/catalog/entities?${query}`, {
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
    });
    if (!response.ok) return new Map();
    const entities = (await response.json()) as unknown;
    return Array.isArray(entities) ? domainsByOwner(entities as DomainEntity[]) : new Map();
  } catch {
    return new Map();
  }
}
