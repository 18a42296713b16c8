import { Entity, RELATION_PART_OF } from '@backstage/catalog-model';
import { catalogEntityPermissionResourceRef } from '@backstage/plugin-catalog-node/alpha';
import { createConditionFactory, createPermissionRule } from '@backstage/plugin-permission-node';
import { z } from 'zod';

/**
 * The entity is part of one of the given entities (`partOf` relations: a component or API of a
 * system, a system of a domain). The catalog has no built-in rule on relations; this one lets a
 * policy grant a domain's systems and their parts, filtered in the database like the built-in
 * rules (the catalog indexes each relation as `relations.<type>`).
 */
export const isPartOf = createPermissionRule({
  name: 'PORTICO_IS_PART_OF',
  description: 'Allow entities that are part of one of the given entities (their system or domain)',
  resourceRef: catalogEntityPermissionResourceRef,
  paramsSchema: z.object({
    refs: z.array(z.string()).describe('Entity refs, such as system:default/payments or domain:default/commerce'),
  }),
  apply: (entity: Entity, { refs }: { refs: string[] }) => {
    const wanted = new Set(refs.map(ref => ref.toLocaleLowerCase('en-US')));
    return (entity.relations ?? []).some(
      relation => relation.type === RELATION_PART_OF && wanted.has(relation.targetRef.toLocaleLowerCase('en-US')),
    );
  },
  toQuery: ({ refs }: { refs: string[] }) => ({ key: `relations.${RELATION_PART_OF}`, values: refs }),
});

/** Makes an `isPartOf` condition for a conditional decision. */
export const isPartOfCondition = createConditionFactory(isPartOf);
