import { loadConfig } from '@app/config';
import { workflowSource } from './workflow-source';

describe(workflowSource.name, () => {
  it('uses WORKFLOW_BUNDLE_PATH when it is set', () => {
    const source = workflowSource(
      loadConfig({ NODE_ENV: 'development', WORKFLOW_BUNDLE_PATH: '/srv/bundle.js' }),
    );
    expect(source).toEqual({ workflowBundle: { codePath: '/srv/bundle.js' } });
  });

  it('bundles the sources at start in development, when no bundle was built', () => {
    expect(workflowSource(loadConfig({ NODE_ENV: 'development' })).workflowsPath).toMatch(
      /workflows\/index\.ts$/,
    );
  });

  it('refuses to start in production without a prebuilt bundle', () => {
    const production = loadConfig({
      NODE_ENV: 'production',
      PUBLIC_BASE_URL: 'https://recovery.example.nl',
      SECRET_KEY: 's'.repeat(32),
      PLATFORM_JWT_SECRET: 'p'.repeat(32),
      PLATFORM_JWT_ISSUER: 'https://login.example.nl',
    });
    expect(() => workflowSource(production)).toThrow('npm run build');
  });
});
