export { AppConfig, type NodeEnv } from './app-config';
export { ConfigError } from './config-error';
export { ConfigModule } from './config.module';
export { parseDuration } from './duration';
export { DEVELOPMENT_JWT_ISSUER, loadConfig } from './load-config';
