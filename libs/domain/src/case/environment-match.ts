/**
 * The clues a requester gives, in the order they are trusted: a KvK number names a company; an email
 * address only hints.
 */
const INTAKE_MATCH_KINDS = [
  'kvk_number',
  'environment_id',
  'environment_reference',
  'environment_name',
  'former_admin_email',
] as const;
type IntakeMatchKind = (typeof INTAKE_MATCH_KINDS)[number];

/** How a case found its environment: at intake from what the requester typed, or linked later by an agent. */
export const ENVIRONMENT_MATCH_KINDS = [...INTAKE_MATCH_KINDS, 'staff_link'] as const;
export type EnvironmentMatchKind = (typeof ENVIRONMENT_MATCH_KINDS)[number];

/** The environments that what the requester typed points at, per kind of clue. */
export type EnvironmentCandidates = Partial<Record<IntakeMatchKind, string[]>>;

/**
 * Chooses the environment of a new case: the strongest clue that points at exactly one environment.
 * A clue that points at several (a KvK number in two environments) decides nothing: an agent links it.
 */
export function chooseEnvironmentMatch(
  candidates: EnvironmentCandidates,
): { environmentId: string; matchKind: EnvironmentMatchKind } | undefined {
  for (const matchKind of INTAKE_MATCH_KINDS) {
    const environments = new Set(candidates[matchKind] ?? []);
    const [environmentId] = environments;
    if (environments.size === 1 && environmentId !== undefined) return { environmentId, matchKind };
  }
  return undefined;
}
