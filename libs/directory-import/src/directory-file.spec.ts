import { parseDirectoryFile, validateDirectoryFile } from './directory-file';

const ENVIRONMENT_ID = '0b6c0f8e-3f4a-4c55-9a36-0d5ad2d4e001';
const USER_ID = '0b6c0f8e-3f4a-4c55-9a36-0d5ad2d4e002';

function environment(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    reference: 'ENV-1001',
    name: 'Acme',
    contactEmail: 'info@acme.example',
    plan: 'basic',
    ...overrides,
  };
}

function problemsOf(value: unknown): string[] {
  const result = validateDirectoryFile(value);
  if (result.ok) throw new Error('expected problems');
  return result.problems;
}

describe(parseDirectoryFile.name, () => {
  it('reads a complete file and fills in the defaults', () => {
    const result = parseDirectoryFile(
      JSON.stringify({
        environments: [
          environment({
            id: ENVIRONMENT_ID.toUpperCase(),
            name: '  Acme  ',
            organisations: [{ name: 'Acme B.V.', kvkNumber: '01234567' }],
            users: [
              {
                id: USER_ID,
                email: 'anna@acme.example',
                name: 'Anna de Vries',
                organisations: [{ kvkNumber: '01234567' }],
              },
              { email: 'bob@acme.example', name: 'Bob', role: 'administrator', status: 'invited' },
            ],
          }),
        ],
      }),
    );
    expect(result).toEqual({
      ok: true,
      file: {
        environments: [
          {
            path: 'environments[0]',
            id: ENVIRONMENT_ID,
            reference: 'ENV-1001',
            name: 'Acme',
            contactEmail: 'info@acme.example',
            plan: 'basic',
            organisations: [
              {
                path: 'environments[0].organisations[0]',
                name: 'Acme B.V.',
                kvkNumber: '01234567',
                contactEmail: null,
              },
            ],
            users: [
              {
                path: 'environments[0].users[0]',
                id: USER_ID,
                email: 'anna@acme.example',
                name: 'Anna de Vries',
                role: 'user',
                status: 'active',
                organisations: [
                  {
                    path: 'environments[0].users[0].organisations[0]',
                    kvkNumber: '01234567',
                    role: 'member',
                  },
                ],
              },
              {
                path: 'environments[0].users[1]',
                email: 'bob@acme.example',
                name: 'Bob',
                role: 'administrator',
                status: 'invited',
              },
            ],
          },
        ],
      },
    });
  });

  it('keeps "no organisations key" (memberships left alone) apart from an empty list (none)', () => {
    const result = validateDirectoryFile({
      environments: [
        environment({
          users: [
            { email: 'a@acme.example', name: 'A' },
            { email: 'b@acme.example', name: 'B', organisations: [] },
          ],
        }),
      ],
    });
    if (!result.ok) throw new Error(result.problems.join('\n'));
    const [a, b] = result.file.environments[0]!.users;
    expect(a).not.toHaveProperty('organisations');
    expect(b!.organisations).toEqual([]);
  });

  it('names line and column of a syntax error', () => {
    expect(parseDirectoryFile('{\n  "environments": [\n    { "reference": ENV-1 }\n  ]\n}')).toEqual({
      ok: false,
      problems: ['line 3, column 20: unexpected ENV-1 (text values and field names need double quotes)'],
    });
  });

  it('lists every problem at once, each with its JSON path', () => {
    const problems = problemsOf({
      environments: [
        environment({
          contactEmail: 'not-an-address',
          plan: 'gold',
          colour: 'blue',
          organisations: [
            { name: 'Short B.V.', kvkNumber: '1234567' },
            { name: 'Number B.V.', kvkNumber: 12345678 },
            { kvkNumber: '12345678', contactEmail: 'info@' },
          ],
          users: [
            { email: 'anna@acme.example', name: 'Anna', role: 'owner', status: 'gone' },
            { email: 'bob', name: 'Bob', organisations: [{ kvkNumber: '12345678', role: 'boss' }] },
            { email: 'carol@acme.example' },
          ],
        }),
        { reference: '', organisations: {}, id: 'not-a-uuid' },
      ],
    });
    expect(problems).toEqual([
      'environments[0].colour: unknown field (the fields here are id, reference, name, contactEmail, plan, organisations, users)',
      'environments[0].contactEmail: must be an email address (got "not-an-address")',
      'environments[0].plan: must be one of basic, professional, enterprise (got "gold")',
      'environments[0].organisations[0].kvkNumber: must be a KvK number of 8 digits (got "1234567")',
      'environments[0].organisations[1].kvkNumber: must be a string of 8 digits, in quotes (as a number it loses leading zeros)',
      'environments[0].organisations[2].name: is required',
      'environments[0].organisations[2].contactEmail: must be an email address (got "info@")',
      'environments[0].users[0].role: must be one of administrator, user (got "owner")',
      'environments[0].users[0].status: must be one of invited, active, deactivated (got "gone")',
      'environments[0].users[1].email: must be an email address (got "bob")',
      'environments[0].users[1].organisations[0].role: must be one of administrator, member (got "boss")',
      'environments[0].users[2].name: is required',
      'environments[1].id: must be a UUID (got "not-a-uuid")',
      'environments[1].reference: must be a non-empty string',
      'environments[1].name: is required',
      'environments[1].contactEmail: is required',
      'environments[1].plan: is required (one of basic, professional, enterprise)',
      'environments[1].organisations: must be a list',
    ]);
  });

  it('refuses a file that is not an object with an environments list', () => {
    expect(problemsOf([])).toEqual(['the file: must be an object']);
    expect(problemsOf({ environment: [] })).toEqual([
      'environment: unknown field (the fields here are environments)',
      'environments: is required',
    ]);
    expect(problemsOf({ environments: ['ENV-1'] })).toEqual(['environments[0]: must be an object']);
  });

  it('refuses the same reference twice', () => {
    expect(problemsOf({ environments: [environment(), environment({ name: 'Other' })] })).toEqual([
      'environments[1].reference: "ENV-1001" is also the reference of environments[0]',
    ]);
  });

  it('refuses the same KvK number twice in one environment, not in two', () => {
    const organisations = [
      { name: 'A', kvkNumber: '12345678' },
      { name: 'B', kvkNumber: '12345678' },
    ];
    expect(problemsOf({ environments: [environment({ organisations })] })).toEqual([
      'environments[0].organisations[1].kvkNumber: "12345678" is also the KvK number of environments[0].organisations[0]',
    ]);
    const once = [{ name: 'A', kvkNumber: '12345678' }];
    expect(
      validateDirectoryFile({
        environments: [
          environment({ organisations: once }),
          environment({ reference: 'ENV-2', organisations: once }),
        ],
      }).ok,
    ).toBe(true);
  });

  it('refuses the same email twice in one environment whatever the case, not in two', () => {
    const users = [
      { email: 'Anna@Acme.example', name: 'Anna' },
      { email: 'anna@acme.EXAMPLE', name: 'Anna again' },
    ];
    expect(problemsOf({ environments: [environment({ users })] })).toEqual([
      'environments[0].users[1].email: "anna@acme.example" is also the email address of environments[0].users[0] (letter case does not count)',
    ]);
    const once = [{ email: 'anna@acme.example', name: 'Anna' }];
    expect(
      validateDirectoryFile({
        environments: [environment({ users: once }), environment({ reference: 'ENV-2', users: once })],
      }).ok,
    ).toBe(true);
  });

  it('refuses the same id twice anywhere in the file, whatever its case', () => {
    expect(
      problemsOf({
        environments: [
          environment({ id: ENVIRONMENT_ID }),
          environment({
            reference: 'ENV-2',
            users: [{ id: ENVIRONMENT_ID.toUpperCase(), email: 'a@acme.example', name: 'A' }],
          }),
        ],
      }),
    ).toEqual([`environments[1].users[0].id: "${ENVIRONMENT_ID}" is also the id of environments[0]`]);
  });

  it('refuses the same organisation twice in one user', () => {
    const organisations = [{ kvkNumber: '12345678' }, { kvkNumber: '12345678', role: 'administrator' }];
    expect(
      problemsOf({
        environments: [environment({ users: [{ email: 'a@acme.example', name: 'A', organisations }] })],
      }),
    ).toEqual([
      'environments[0].users[0].organisations[1].kvkNumber: "12345678" is also the KvK number of environments[0].users[0].organisations[0]',
    ]);
  });

  it('refuses values longer than their columns', () => {
    expect(
      problemsOf({ environments: [environment({ reference: 'R'.repeat(65), name: 'N'.repeat(201) })] }),
    ).toEqual([
      'environments[0].reference: must be at most 64 characters',
      'environments[0].name: must be at most 200 characters',
    ]);
  });
});
