import { Writable } from 'node:stream';
import pino from 'pino';
import pinoHttp from 'pino-http';
import { QueryFailedError } from 'typeorm';
import { LOG_SERIALIZERS, pathWithoutQuery, REDACTED_PATHS } from './logging.module';

describe('pathWithoutQuery', () => {
  it('drops the query string, where access links carry their token', () => {
    expect(pathWithoutQuery('/recover/RC-7KQ4-M2XD?token=secret&lang=nl')).toBe('/recover/RC-7KQ4-M2XD');
  });

  it('hides the token of an objection link, page or API', () => {
    expect(pathWithoutQuery('/objections/abc123secret?lang=en')).toBe('/objections/***');
    expect(pathWithoutQuery('/api/objections/abc123secret')).toBe('/api/objections/***');
  });

  it('leaves other paths as they are', () => {
    expect(pathWithoutQuery('/api/cases/RC-7KQ4-M2XD')).toBe('/api/cases/RC-7KQ4-M2XD');
    expect(pathWithoutQuery(undefined)).toBe('');
  });
});

describe('REDACTED_PATHS', () => {
  /** What pino writes for one entry with the redaction of our loggers. */
  function written(entry: Record<string, unknown>): Record<string, unknown> {
    let line = '';
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        line += chunk.toString();
        done();
      },
    });
    pino({ redact: { paths: [...REDACTED_PATHS], remove: true } }, sink).info(entry, 'entry');
    return JSON.parse(line) as Record<string, unknown>;
  }

  it('removes a credential logged at the top, as a careless `logger.log({ token })` puts it', () => {
    const entry = written({ caseId: 'c1', token: 't', code: '12345678', password: 'p', cookie: 'c' });
    expect(entry).toMatchObject({ caseId: 'c1', msg: 'entry' });
    for (const field of ['token', 'code', 'password', 'cookie']) expect(entry).not.toHaveProperty(field);
  });

  it('removes credentials one and two levels down, such as a body or the request headers', () => {
    const entry = written({
      body: { email: 'a@b.example', password: 'p', code: '12345678' },
      req: { headers: { authorization: 'Bearer t', cookie: 'staff_session=s', accept: 'text/html' } },
    });
    expect(entry.body).toEqual({ email: 'a@b.example' });
    expect(entry.req).toEqual({ headers: { accept: 'text/html' } });
  });

  it("keeps an error's own code, which tells what went wrong", () => {
    expect(written({ err: { code: '23505', cause: { code: 'ECONNREFUSED' } } }).err).toEqual({
      code: '23505',
      cause: { code: 'ECONNREFUSED' },
    });
  });
});

describe('LOG_SERIALIZERS', () => {
  /** A unique violation as node-postgres reports it, wrapped by TypeORM with the query's parameters. */
  const failedQuery = (): QueryFailedError => {
    const driverError = Object.assign(new Error('duplicate key value violates unique constraint "uq_x"'), {
      code: '23505',
      detail: 'Key (email)=(anna@acme.example) already exists.',
    });
    return new QueryFailedError('INSERT INTO x (email) VALUES ($1)', ['anna@acme.example'], driverError);
  };

  // Plain pino, and pino-http as the services log (it hands a custom serializer its own serialization).
  it.each([
    ['pino', (sink: Writable) => pino({ serializers: LOG_SERIALIZERS }, sink)],
    ['pino-http', (sink: Writable) => pinoHttp({ serializers: LOG_SERIALIZERS }, sink).logger],
  ])(
    "writes a failed query's error without its parameters or PostgreSQL's detail (%s)",
    (_what, loggerOn) => {
      let line = '';
      const sink = new Writable({
        write(chunk: Buffer, _encoding, done) {
          line += chunk.toString();
          done();
        },
      });
      loggerOn(sink).error({ err: failedQuery(), caseId: 'c1' }, 'failed');
      expect(line).not.toContain('anna@acme.example');
      expect(JSON.parse(line)).toMatchObject({
        caseId: 'c1',
        err: { type: 'QueryFailedError', code: '23505' },
      });
    },
  );
});
