/** Long enough to resist guessing once argon2id has slowed each guess down. */
export const MIN_STAFF_PASSWORD_LENGTH = 12;
/** A bound on the work one sign-in can ask for; no real password is longer. */
export const MAX_STAFF_PASSWORD_LENGTH = 1024;

/** What is wrong with a new staff password, or null when it may be used. Length counts characters. */
export function staffPasswordProblem(password: string): string | null {
  // Code points, so that a password of accented letters is measured as it is typed.
  const length = Array.from(password).length;
  if (length < MIN_STAFF_PASSWORD_LENGTH) {
    return `The password must be at least ${MIN_STAFF_PASSWORD_LENGTH} characters long (it has ${length}).`;
  }
  if (length > MAX_STAFF_PASSWORD_LENGTH) {
    return `The password may be at most ${MAX_STAFF_PASSWORD_LENGTH} characters long.`;
  }
  if (password.trim() !== password) return 'The password must not begin or end with spaces.';
  return null;
}
