import { resolveScaffoldOptions } from './scaffoldRemote';

/** resolveScaffoldOptions only checks the options: nothing is written under root. */
const BASE = { root: '/nowhere', owner: 'search-team' };

describe('the scaffold refuses reserved names and routes', () => {
  it('refuses a remote whose container would be a global of the shell or the browser', () => {
    expect(() => resolveScaffoldOptions({ name: 'history', ...BASE })).toThrow(
      /--container: is reserved: .*; got "history"/,
    );
    expect(() => resolveScaffoldOptions({ name: 'search', ...BASE, container: 'portico_shell' })).toThrow(
      /--container: is reserved/,
    );
  });

  it('refuses a route the shell or the backend keeps, or one under it', () => {
    expect(() => resolveScaffoldOptions({ name: 'api', ...BASE, container: 'team_api' })).toThrow(
      /--route: is reserved for the shell or the backend/,
    );
    expect(() => resolveScaffoldOptions({ name: 'search', ...BASE, route: '/api/search' })).toThrow(
      /--route: is reserved/,
    );
  });
});
