import { Module } from '@nestjs/common';
import { PasswordHasher } from '@app/secrets';
import { StaffAuthModule } from '../staff-auth/staff-auth.module';
import { StaffSessionController } from './staff-session.controller';
import { StaffSessionService } from './staff-session.service';

/** Staff sign-in and sign-out (SPEC section 6). */
@Module({
  imports: [StaffAuthModule],
  controllers: [StaffSessionController],
  providers: [StaffSessionService, PasswordHasher],
})
export class StaffModule {}
