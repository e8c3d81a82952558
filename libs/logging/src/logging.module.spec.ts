import { pathWithoutQuery } from './logging.module';

describe('pathWithoutQuery', () => {
  it('drops the query string, where case links carry their token', () => {
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
