export { errorForLog } from './error-for-log';
export { LOG_SERIALIZERS, LoggingModule, pathWithoutQuery, REDACTED_PATHS } from './logging.module';
