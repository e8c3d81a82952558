import { hasStaffAccess, isStaffRole } from './staff-role';

describe(hasStaffAccess.name, () => {
  it('lets agents and managers use agent routes', () => {
    expect(hasStaffAccess('agent', 'agent')).toBe(true);
    expect(hasStaffAccess('manager', 'agent')).toBe(true);
  });

  it('keeps manager routes for managers', () => {
    expect(hasStaffAccess('manager', 'manager')).toBe(true);
    expect(hasStaffAccess('agent', 'manager')).toBe(false);
  });
});

describe(isStaffRole.name, () => {
  it('recognises its own names only', () => {
    expect(isStaffRole('manager')).toBe(true);
    expect(isStaffRole('admin')).toBe(false);
  });
});
