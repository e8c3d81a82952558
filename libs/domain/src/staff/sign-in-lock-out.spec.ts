import {
  MAX_FAILED_SIGN_INS,
  minutesUntil,
  SIGN_IN_FAILURE_WINDOW_MS,
  signInLockedUntil,
} from './sign-in-lock-out';

const NOW = new Date('2026-11-20T10:00:00Z');
const minutesAgo = (minutes: number): Date => new Date(NOW.getTime() - minutes * 60_000);

describe(signInLockedUntil.name, () => {
  it('lets nine recent failures pass', () => {
    expect(
      signInLockedUntil(
        Array.from({ length: 9 }, (_, i) => minutesAgo(i)),
        NOW,
      ),
    ).toBeNull();
  });

  it('locks after ten failures within the window, until the oldest of them leaves it', () => {
    const failures = Array.from({ length: MAX_FAILED_SIGN_INS }, (_, i) => minutesAgo(i));
    expect(signInLockedUntil(failures, NOW)).toEqual(
      new Date(minutesAgo(9).getTime() + SIGN_IN_FAILURE_WINDOW_MS),
    );
  });

  it('counts only the ten most recent failures for the end of the lock', () => {
    const failures = Array.from({ length: 14 }, (_, i) => minutesAgo(i));
    expect(signInLockedUntil(failures, NOW)).toEqual(
      new Date(minutesAgo(9).getTime() + SIGN_IN_FAILURE_WINDOW_MS),
    );
  });

  it('forgets failures older than the window', () => {
    const failures = [...Array.from({ length: 9 }, (_, i) => minutesAgo(i)), minutesAgo(15), minutesAgo(30)];
    expect(signInLockedUntil(failures, NOW)).toBeNull();
  });

  it('does not care about the order it is given', () => {
    const failures = Array.from({ length: 10 }, (_, i) => minutesAgo(9 - i));
    expect(signInLockedUntil(failures, NOW)).toEqual(
      new Date(minutesAgo(9).getTime() + SIGN_IN_FAILURE_WINDOW_MS),
    );
  });
});

describe(minutesUntil.name, () => {
  it('rounds up, and says at least one minute', () => {
    expect(minutesUntil(new Date(NOW.getTime() + 6 * 60_000 + 1), NOW)).toBe(7);
    expect(minutesUntil(new Date(NOW.getTime() + 5_000), NOW)).toBe(1);
    expect(minutesUntil(NOW, NOW)).toBe(1);
  });
});
