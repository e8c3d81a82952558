/** The roles of support staff: agents review cases; managers do that too and watch the figures. */
export const STAFF_ROLES = ['agent', 'manager'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export function isStaffRole(value: string): value is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(value);
}

/**
 * Whether a staff member with `role` may use a route declared for `level`: `agent` routes are for all
 * staff (agents and managers), `manager` routes for managers only.
 */
export function hasStaffAccess(role: StaffRole, level: StaffRole): boolean {
  return level === 'agent' || role === 'manager';
}
