import { MIN_STAFF_PASSWORD_LENGTH, staffPasswordProblem } from './staff-password';

describe(staffPasswordProblem.name, () => {
  it('accepts twelve characters or more', () => {
    expect(staffPasswordProblem('a'.repeat(MIN_STAFF_PASSWORD_LENGTH))).toBeNull();
    expect(staffPasswordProblem('correct horse battery staple')).toBeNull();
  });

  it('refuses a short password, saying how long it must be', () => {
    expect(staffPasswordProblem('short pass!')).toBe(
      'The password must be at least 12 characters long (it has 11).',
    );
  });

  it('counts characters, not bytes', () => {
    expect(staffPasswordProblem('ééééééééééé')).toContain('(it has 11)');
  });

  it('refuses an overly long password and surrounding spaces', () => {
    expect(staffPasswordProblem('a'.repeat(1025))).toContain('at most 1024');
    expect(staffPasswordProblem(' correct horse battery ')).toContain('spaces');
  });
});
