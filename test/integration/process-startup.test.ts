import { runFromSource } from '../support/source-process';

const run = (entry: string, env: NodeJS.ProcessEnv) => runFromSource(entry, [], env);

describe('starting a process with bad configuration', () => {
  it('stops the api with a message naming every wrong variable', async () => {
    const { code, output: stderr } = await run('apps/api/src/main.ts', {
      PORT: 'eighty',
      TEMPORAL_ADDRESS: 'no-port-here',
    });
    expect(code).toBe(1);
    expect(stderr).toContain('Invalid configuration');
    expect(stderr).toContain('PORT must be a whole number (got "eighty")');
    expect(stderr).toContain('TEMPORAL_ADDRESS must be host:port');
  });

  it('stops the worker in production when a secret is missing, without printing the others', async () => {
    const { code, output: stderr } = await run('apps/worker/src/main.ts', {
      NODE_ENV: 'production',
      PLATFORM_JWT_SECRET: 'a-platform-secret-that-is-long-enough-1234',
    });
    expect(code).toBe(1);
    expect(stderr).toContain('SECRET_KEY is required in production');
    expect(stderr).not.toContain('PLATFORM_JWT_SECRET');
    expect(stderr).not.toContain('a-platform-secret-that-is-long-enough-1234');
  });

  // Fail closed: the public development secrets only where NODE_ENV says development or test.
  it.each(['apps/api/src/main.ts', 'apps/worker/src/main.ts'])(
    'stops %s started without NODE_ENV, as production, rather than run with the development secrets',
    async (entry) => {
      const { code, output: stderr } = await run(entry, {});
      expect(code).toBe(1);
      expect(stderr).toContain('SECRET_KEY is required in production');
      expect(stderr).toContain('PLATFORM_JWT_SECRET is required in production');
      expect(stderr).toContain('PUBLIC_BASE_URL is required in production');
    },
  );

  it('stops npm run dev before it starts anything, naming the variable', async () => {
    const { code, output } = await run('tools/dev/dev.ts', { NODE_ENV: 'development', PORT: 'eighty' });
    expect(code).toBe(1);
    expect(output).toContain('PORT must be a whole number (got "eighty")');
    expect(output).not.toContain('PostgreSQL ready');
  });
});
