import { UsageError } from '../cli-command';
import { parseStaffCreateArguments } from './staff-create.command';

describe(parseStaffCreateArguments.name, () => {
  it('takes --email, --name and --role in any order, also as --flag=value', () => {
    const expected = { email: 'mia@support.example', name: 'Mia Bakker', role: 'manager' };
    expect(
      parseStaffCreateArguments([
        '--email',
        'mia@support.example',
        '--name',
        'Mia Bakker',
        '--role',
        'manager',
      ]),
    ).toEqual(expected);
    expect(
      parseStaffCreateArguments(['--role=manager', '--name', ' Mia Bakker ', '--email=mia@support.example']),
    ).toEqual(expected);
  });

  it.each([
    [[], 'needs --email, --name, --role'],
    [['--email', 'a@b.example', '--name', 'A'], 'needs --role'],
    [['--email', 'a@b.example', '--name', 'A', '--role'], '--role needs a value'],
    [['--email', '--name', 'A', '--role', 'agent'], '--email needs a value'],
    [['--email', 'a@b.example', '--name', 'A', '--role', 'admin'], '--role must be one of agent, manager'],
    [['--email', 'not-an-address', '--name', 'A', '--role', 'agent'], '--email must be an email address'],
    [['--email', 'a@b.example', '--name', '  ', '--role', 'agent'], '--name must be 1 to 200 characters'],
    [['--email', 'a@b.example', '--email', 'c@d.example'], '--email is given twice'],
    [
      ['--email', 'a@b.example', '--name', 'A', '--role', 'agent', '--password', 'x'],
      'does not take "--password"',
    ],
    [['mia@support.example'], 'does not take "mia@support.example"'],
  ])('refuses %j as a usage error', (args, message) => {
    expect(() => parseStaffCreateArguments(args)).toThrow(UsageError);
    expect(() => parseStaffCreateArguments(args)).toThrow(message);
  });
});
