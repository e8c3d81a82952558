import { hasDirectoryAccess, type DirectoryActor } from './directory-permissions';

const actor = (overrides: Partial<DirectoryActor> = {}): DirectoryActor => ({
  userId: 'u',
  environmentId: 'e',
  role: 'user',
  status: 'active',
  administeredOrganisationIds: new Set(),
  ...overrides,
});

describe(hasDirectoryAccess.name, () => {
  it('lets every user of the environment read', () => {
    expect(hasDirectoryAccess(actor(), 'environment_user')).toBe(true);
  });

  it('keeps environment actions for environment administrators', () => {
    expect(hasDirectoryAccess(actor({ role: 'administrator' }), 'environment_administrator')).toBe(true);
    expect(hasDirectoryAccess(actor(), 'environment_administrator')).toBe(false);
    const orgAdmin = actor({ administeredOrganisationIds: new Set(['o1']) });
    expect(hasDirectoryAccess(orgAdmin, 'environment_administrator')).toBe(false);
  });

  it('lets an organisation administrator manage the members of their own organisation only', () => {
    const orgAdmin = actor({ administeredOrganisationIds: new Set(['o1']) });
    expect(hasDirectoryAccess(orgAdmin, 'organisation_administrator', 'o1')).toBe(true);
    expect(hasDirectoryAccess(orgAdmin, 'organisation_administrator', 'o2')).toBe(false);
    expect(hasDirectoryAccess(orgAdmin, 'organisation_administrator')).toBe(false);
  });

  it('lets an environment administrator manage the members of every organisation', () => {
    expect(hasDirectoryAccess(actor({ role: 'administrator' }), 'organisation_administrator', 'o9')).toBe(
      true,
    );
  });
});
