import { chooseEnvironmentMatch } from './environment-match';

describe(chooseEnvironmentMatch.name, () => {
  it('trusts a KvK number over an environment name and an address', () => {
    expect(
      chooseEnvironmentMatch({ kvk_number: ['a'], environment_name: ['b'], former_admin_email: ['c'] }),
    ).toEqual({ environmentId: 'a', matchKind: 'kvk_number' });
  });

  it('counts one environment found twice as one', () => {
    expect(chooseEnvironmentMatch({ kvk_number: ['a', 'a'] })).toEqual({
      environmentId: 'a',
      matchKind: 'kvk_number',
    });
  });

  it('passes over a clue that points at several environments', () => {
    expect(chooseEnvironmentMatch({ kvk_number: ['a', 'b'], former_admin_email: ['c'] })).toEqual({
      environmentId: 'c',
      matchKind: 'former_admin_email',
    });
  });

  it('finds nothing without a clue', () => {
    expect(chooseEnvironmentMatch({})).toBeUndefined();
    expect(chooseEnvironmentMatch({ kvk_number: [] })).toBeUndefined();
  });
});
