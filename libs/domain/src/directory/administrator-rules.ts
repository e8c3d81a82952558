import type { EnvironmentRole, UserStatus } from './directory-roles';

/** Below this many active administrators an environment is at risk of being orphaned. */
export const ADVISED_ADMINISTRATORS = 2;

/** An active administrator is one who can use administrator actions today. */
export function isActiveAdministrator(user: { role: EnvironmentRole; status: UserStatus }): boolean {
  return user.role === 'administrator' && user.status === 'active';
}

/**
 * The advice every answer that lists administrators carries when there are fewer than two active ones,
 * or null when there are enough.
 */
export function administratorAdvice(activeAdministrators: number): string | null {
  if (activeAdministrators >= ADVISED_ADMINISTRATORS) return null;
  if (activeAdministrators === 0) {
    return 'This environment has no active administrator: nobody can add users or change settings. Ask eConnect support to recover it.';
  }
  return 'This environment has only one active administrator. Make a second user administrator, so that the environment is not orphaned if that person leaves or loses their password.';
}

/**
 * Refuses a change that would leave an environment without an active administrator; answers the reason,
 * or null when the change may go ahead. `activeAdministrators` is counted with the environment locked.
 */
export function lastAdministratorObjection(
  target: { role: EnvironmentRole; status: UserStatus },
  change: { role?: EnvironmentRole; status?: UserStatus },
  activeAdministrators: number,
): string | null {
  const after = { role: change.role ?? target.role, status: change.status ?? target.status };
  if (!isActiveAdministrator(target) || isActiveAdministrator(after) || activeAdministrators > 1) return null;
  const what = after.status === 'deactivated' ? 'deactivated' : 'made a plain user';
  return `This user is the last active administrator of the environment and cannot be ${what}. Make another user administrator first, then try again.`;
}
