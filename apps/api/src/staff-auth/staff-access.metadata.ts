/** Metadata key of the staff role `@StaffAccess` gives a route (or a whole controller). */
export const STAFF_ACCESS = 'access:staff';
