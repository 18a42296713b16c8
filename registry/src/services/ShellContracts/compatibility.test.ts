import { describeCompatibilityProblems, findCompatibilityProblems } from './compatibility';

const contract = { react: '18.3.1', 'react-dom': '18.3.1', 'react-router-dom': '6.30.6' };

describe('findCompatibilityProblems', () => {
  it('accepts ranges the shell satisfies', () => {
    expect(findCompatibilityProblems([{ name: 'react', requiredVersion: '^18.2.0' }], contract)).toEqual([]);
  });

  it('names each package, the range required and the version provided', () => {
    const problems = findCompatibilityProblems(
      [
        { name: 'react', requiredVersion: '^19.0.0' },
        { name: 'react-router-dom', requiredVersion: '^7.0.0' },
        { name: 'react-dom', requiredVersion: '^18.0.0' },
      ],
      contract,
    );
    expect(problems).toEqual([
      { package: 'react', required: '^19.0.0', provided: '18.3.1' },
      { package: 'react-router-dom', required: '^7.0.0', provided: '6.30.6' },
    ]);
    expect(describeCompatibilityProblems(problems)).toBe(
      'react requires ^19.0.0, the shell provides 18.3.1; react-router-dom requires ^7.0.0, the shell provides 6.30.6',
    );
  });

  it('ignores packages the shell does not share and requirements without a range', () => {
    expect(findCompatibilityProblems([{ name: 'lodash', requiredVersion: '^4' }, { name: 'react' }], contract)).toEqual(
      [],
    );
  });

  it('refuses a range that is not valid semver', () => {
    expect(findCompatibilityProblems([{ name: 'react', requiredVersion: 'banana' }], contract)).toHaveLength(1);
  });
});
