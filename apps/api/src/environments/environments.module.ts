import { Module } from '@nestjs/common';
import { PlatformAuthModule } from '../platform-auth/platform-auth.module';
import { TemporalModule } from '../temporal/temporal.module';
import { EnvironmentUsersController } from './environment-users.controller';
import { EnvironmentUsersService } from './environment-users.service';
import { EnvironmentsController } from './environments.controller';
import { EnvironmentsService } from './environments.service';
import { OrganisationsController } from './organisations.controller';
import { OrganisationsService } from './organisations.service';

/** The directory as platform users manage it (SPEC section 4): users, roles, organisations, the plan. */
@Module({
  imports: [PlatformAuthModule, TemporalModule],
  controllers: [EnvironmentsController, EnvironmentUsersController, OrganisationsController],
  providers: [EnvironmentsService, EnvironmentUsersService, OrganisationsService],
})
export class EnvironmentsModule {}
