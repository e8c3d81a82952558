import { Module } from '@nestjs/common';
import { StaffAuthModule } from '../staff-auth/staff-auth.module';
import { CsrfProtection } from './shared/csrf';
import { InProcessApi } from './shared/in-process-api';
import { ConsoleCasesController } from './console/console-cases.controller';
import { ConsoleManagerController } from './console/console-manager.controller';
import { ConsoleSessionController } from './console/console-session.controller';
import { ObjectionController } from './requester/objection.controller';
import { RequestFormController } from './requester/request-form.controller';
import { RequesterCaseController } from './requester/requester-case.controller';

/**
 * The pages: HTML rendered here from the JSON API's answers (one in-process call per page), for
 * requesters (`/recover`, `/objections`) and staff (`/console`).
 */
@Module({
  imports: [StaffAuthModule],
  controllers: [
    RequestFormController,
    RequesterCaseController,
    ObjectionController,
    ConsoleSessionController,
    ConsoleCasesController,
    ConsoleManagerController,
  ],
  providers: [InProcessApi, CsrfProtection],
})
export class WebModule {}
