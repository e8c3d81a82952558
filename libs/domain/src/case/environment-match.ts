/** How a case found its environment: at intake from what the requester typed, or linked later by an agent. */
export const ENVIRONMENT_MATCH_KINDS = [
  'kvk_number',
  'environment_id',
  'environment_reference',
  'environment_name',
  'former_admin_email',
  'staff_link',
] as const;
export type EnvironmentMatchKind = (typeof ENVIRONMENT_MATCH_KINDS)[number];
