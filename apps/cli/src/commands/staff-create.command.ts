import {
  isStaffRole,
  isStrictEmailAddress,
  STAFF_ROLES,
  staffPasswordProblem,
  type StaffRole,
} from '@app/domain';
import { isUniqueViolation, StaffAccountRepository } from '@app/persistence';
import { PasswordHasher } from '@app/secrets';
import { CommandFailure, UsageError, type CliCommand } from '../cli-command';
import { readSecretLine } from '../standard-input';
import { withDataSource } from '../with-data-source';

const INVOCATION = 'staff:create --email E --name N --role agent|manager';
const USAGE = `${INVOCATION} (the password on standard input)`;
const FLAGS = ['--email', '--name', '--role'] as const;
type Flag = (typeof FLAGS)[number];
const isFlag = (text: string): text is Flag => (FLAGS as readonly string[]).includes(text);

export interface StaffCreateArguments {
  email: string;
  name: string;
  role: StaffRole;
}

/** `--email E --name N --role R` in any order (or `--flag=value`), each once; checked before anything is read. */
export function parseStaffCreateArguments(args: readonly string[]): StaffCreateArguments {
  const given = new Map<Flag, string>();
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    const equals = arg.indexOf('=');
    const flag = equals > 0 ? arg.slice(0, equals) : arg;
    if (!isFlag(flag)) throw new UsageError(`staff:create does not take "${arg}": ${USAGE}`);
    let value: string | undefined;
    if (equals > 0) {
      value = arg.slice(equals + 1);
    } else {
      i += 1;
      value = args[i];
      if (value?.startsWith('--')) value = undefined;
    }
    if (value === undefined) throw new UsageError(`${flag} needs a value: ${USAGE}`);
    if (given.has(flag)) throw new UsageError(`${flag} is given twice: ${USAGE}`);
    given.set(flag, value);
  }
  const missing = FLAGS.filter((flag) => !given.has(flag));
  if (missing.length > 0) throw new UsageError(`staff:create needs ${missing.join(', ')}: ${USAGE}`);

  const email = (given.get('--email') ?? '').trim();
  const name = (given.get('--name') ?? '').trim();
  const role = given.get('--role') ?? '';
  if (!isStrictEmailAddress(email)) {
    throw new UsageError(`--email must be an email address (got "${email}")`);
  }
  if (name === '' || name.length > 200) throw new UsageError('--name must be 1 to 200 characters');
  if (!isStaffRole(role))
    throw new UsageError(`--role must be one of ${STAFF_ROLES.join(', ')} (got "${role}")`);
  return { email, name, role };
}

/** Creates a staff account; the password is read from standard input, so it never shows in `ps` or a shell history. */
export const staffCreateCommand: CliCommand = {
  name: 'staff:create',
  arguments: '--email E --name N --role agent|manager',
  summary: 'create a staff account; the password is read from standard input (first line)',
  async run(args, config) {
    const { email, name, role } = parseStaffCreateArguments(args);
    const password = await readSecretLine(`Password for ${email} (at least 12 characters): `);
    if (password === undefined || password === '') {
      throw new UsageError(
        `staff:create reads the password from standard input, for example: printf '%s\\n' "$PASSWORD" | npm run cli -- ${INVOCATION}`,
      );
    }
    const problem = staffPasswordProblem(password);
    if (problem) throw new CommandFailure(`${problem} No account was created.`);

    const passwordHash = await new PasswordHasher().hash(password);
    const account = await withDataSource(config.databaseUrl, (dataSource) =>
      new StaffAccountRepository(dataSource).insert({ email, name, role, passwordHash }),
    ).catch((error: unknown) => {
      if (isUniqueViolation(error, 'ux_staff_accounts_email')) {
        throw new CommandFailure(`A staff account with the email address ${email} already exists.`);
      }
      throw error;
    });
    // The id alone on standard output, so that `$(npm run -s cli -- staff:create ...)` works.
    console.error(`Created the ${role} account of ${name} <${email}>:`);
    console.log(account.id);
  },
};
