import type { StaffRole } from '@app/domain';

/** The staff member whose session `StaffGuard` accepted, as the account is now. */
export interface SignedInStaff {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
}
