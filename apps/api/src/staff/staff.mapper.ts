import type { SignedInStaff } from '../staff-auth/signed-in-staff';
import type { StaffDto, StaffSessionDto } from './dto/staff-session.dto';
import type { StartedStaffSession } from './staff-session.service';

export function toStaffDto(staff: SignedInStaff): StaffDto {
  return { id: staff.id, email: staff.email, name: staff.name, role: staff.role };
}

export function toStaffSessionDto(session: StartedStaffSession): StaffSessionDto {
  return {
    token: session.token,
    expiresAt: session.expiresAt.toISOString(),
    staff: toStaffDto(session.staff),
  };
}
