export { LoggingModule, pathWithoutQuery } from './logging.module';
