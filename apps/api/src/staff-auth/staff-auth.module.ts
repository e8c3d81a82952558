import { Module } from '@nestjs/common';
import { StaffSessionCookie } from './staff-session-cookie';
import { StaffGuard } from './staff.guard';

/** Import it into a module whose controllers use `@StaffAccess`. */
@Module({
  providers: [StaffGuard, StaffSessionCookie],
  exports: [StaffGuard, StaffSessionCookie],
})
export class StaffAuthModule {}
