// What the global set-up started, handed to the test files through environment variables
// (Jest runs global set-up and tests in different module registries; env vars cross that line).

export const TEST_ENV = {
  databaseUrl: 'TEST_DATABASE_URL',
  temporalAddress: 'TEST_TEMPORAL_ADDRESS',
  workflowBundlePath: 'TEST_WORKFLOW_BUNDLE_PATH',
  workDir: 'TEST_WORK_DIR',
} as const;

export function testInfrastructure(): {
  databaseUrl: string;
  temporalAddress: string;
  workflowBundlePath: string;
  /** The run's own folder (removed at the end), shared by every test file of the run. */
  workDir: string;
} {
  const read = (name: string): string => {
    const value = process.env[name];
    if (!value)
      throw new Error(`${name} is not set: run the tests through "npm test" (Jest's global set-up)`);
    return value;
  };
  return {
    databaseUrl: read(TEST_ENV.databaseUrl),
    temporalAddress: read(TEST_ENV.temporalAddress),
    workflowBundlePath: read(TEST_ENV.workflowBundlePath),
    workDir: read(TEST_ENV.workDir),
  };
}
