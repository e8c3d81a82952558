import {
  administratorAdvice,
  isActiveAdministrator,
  lastAdministratorObjection,
} from './administrator-rules';

describe(lastAdministratorObjection.name, () => {
  const activeAdmin = { role: 'administrator', status: 'active' } as const;

  it('refuses to demote or deactivate the only active administrator, saying what to do', () => {
    expect(lastAdministratorObjection(activeAdmin, { role: 'user' }, 1)).toBe(
      'This user is the last active administrator of the environment and cannot be made a plain user. Make another user administrator first, then try again.',
    );
    expect(lastAdministratorObjection(activeAdmin, { status: 'deactivated' }, 1)).toContain(
      'cannot be deactivated',
    );
    expect(lastAdministratorObjection(activeAdmin, { role: 'user', status: 'deactivated' }, 1)).toContain(
      'cannot be deactivated',
    );
  });

  it('allows it when another administrator is active', () => {
    expect(lastAdministratorObjection(activeAdmin, { role: 'user' }, 2)).toBeNull();
  });

  it('allows changes that keep the administrator active', () => {
    expect(lastAdministratorObjection(activeAdmin, { role: 'administrator' }, 1)).toBeNull();
    expect(lastAdministratorObjection(activeAdmin, { status: 'active' }, 1)).toBeNull();
  });

  it('does not concern users who are not active administrators', () => {
    expect(
      lastAdministratorObjection({ role: 'user', status: 'active' }, { status: 'deactivated' }, 0),
    ).toBeNull();
    expect(
      lastAdministratorObjection({ role: 'administrator', status: 'deactivated' }, { role: 'user' }, 0),
    ).toBeNull();
  });
});

describe(administratorAdvice.name, () => {
  it('advises a second administrator below two, and says so plainly at none', () => {
    expect(administratorAdvice(0)).toContain('no active administrator');
    expect(administratorAdvice(1)).toContain('Make a second user administrator');
    expect(administratorAdvice(2)).toBeNull();
    expect(administratorAdvice(5)).toBeNull();
  });
});

describe(isActiveAdministrator.name, () => {
  it('needs both the role and the active status', () => {
    expect(isActiveAdministrator({ role: 'administrator', status: 'active' })).toBe(true);
    expect(isActiveAdministrator({ role: 'administrator', status: 'invited' })).toBe(false);
    expect(isActiveAdministrator({ role: 'user', status: 'active' })).toBe(false);
  });
});
