/** A catalog User entity as the catalog returns it, member of one group (with its relation). */
export function catalogUser(name: string, displayName: string, group: string) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { profile: { displayName }, memberOf: [group] },
    relations: [{ type: 'memberOf', targetRef: `group:default/${group}` }],
  };
}

/** Linus of payments-team and Ada of platform-engineers, the development sign-in's test users. */
export const DEV_SIGN_IN_USERS = [
  catalogUser('linus', 'Linus Chen', 'payments-team'),
  catalogUser('ada', 'Ada Lovelace', 'platform-engineers'),
];
