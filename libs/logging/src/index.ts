export { LoggingModule, pathWithoutQuery, REDACTED_PATHS } from './logging.module';
