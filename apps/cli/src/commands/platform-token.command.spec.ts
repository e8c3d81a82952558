import { UsageError } from '../cli-command';
import { parsePlatformTokenArguments } from './platform-token.command';

describe(parsePlatformTokenArguments.name, () => {
  const id = '30000000-0000-4000-8000-000000000001';

  it('takes a user id and, optionally, a number of hours (12 by default, at most the lifetime allowed)', () => {
    expect(parsePlatformTokenArguments([id], 12)).toEqual({ userId: id, hours: 12 });
    expect(parsePlatformTokenArguments([id, '--hours', '0.5'], 12)).toEqual({ userId: id, hours: 0.5 });
    expect(parsePlatformTokenArguments([id], 2)).toEqual({ userId: id, hours: 2 });
  });

  it.each([
    [[]],
    [['anna@acme.example']],
    [[id, '--hours', 'many']],
    [[id, '--hours', '0']],
    [[id, '--hours', '13']],
    [[id, '--days', '1']],
    [[id, '--hours', '1', 'extra']],
  ])('refuses %j as a usage error', (args) => {
    expect(() => parsePlatformTokenArguments(args, 12)).toThrow(UsageError);
  });
});
