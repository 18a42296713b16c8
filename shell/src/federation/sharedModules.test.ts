import { sharedSingletons } from '@portico/contract/shared';
import { providedSharedNames } from './sharedModules';

describe('the shell provides', () => {
  it('its copy of every shared singleton of the contract, and nothing else', () => {
    expect(providedSharedNames().sort()).toEqual(Object.keys(sharedSingletons).sort());
  });
});
