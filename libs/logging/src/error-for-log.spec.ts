import { QueryFailedError } from 'typeorm';
import { errorForLog } from './error-for-log';

describe(errorForLog.name, () => {
  const address = 'anna@acme.example';

  /** A unique violation as node-postgres reports it, wrapped by TypeORM with the query's parameters. */
  function uniqueViolation(): QueryFailedError {
    const driverError = Object.assign(
      new Error('duplicate key value violates unique constraint "uq_users_email"'),
      {
        code: '23505',
        detail: `Key (email)=(${address}) already exists.`,
        constraint: 'uq_users_email',
        table: 'users',
      },
    );
    return new QueryFailedError(
      'INSERT INTO users (email, name) VALUES ($1, $2)',
      [address, 'Anna'],
      driverError,
    );
  }

  it("keeps what went wrong and where, and none of the query's values or PostgreSQL's detail", () => {
    const error = uniqueViolation();
    // What a plain serializer (every own field) would have written.
    expect(JSON.stringify(error)).toContain(address);

    const logged = errorForLog(error);
    expect(JSON.stringify(logged)).not.toContain(address);
    expect(JSON.stringify(logged)).not.toContain('Anna');
    expect(logged).toMatchObject({
      type: 'QueryFailedError',
      message: 'duplicate key value violates unique constraint "uq_users_email"',
      code: '23505',
      constraint: 'uq_users_email',
      table: 'users',
    });
    expect(logged).not.toHaveProperty('parameters');
    expect(logged).not.toHaveProperty('detail');
    expect(logged).not.toHaveProperty('driverError');
  });

  it('keeps causes alike, a few deep', () => {
    const error = new Error('outer', {
      cause: Object.assign(new Error('inner'), { code: 'ECONNREFUSED', host: address }),
    });
    expect(errorForLog(error)).toMatchObject({
      message: 'outer',
      cause: { message: 'inner', code: 'ECONNREFUSED' },
    });
    expect(JSON.stringify(errorForLog(error))).not.toContain(address);
  });

  it('takes what is not an error as its text', () => {
    expect(errorForLog('plain')).toEqual({ message: 'plain' });
  });
});
