// The shape of an extract's findings: computed by libs/document-analysis, stored by libs/persistence,
// shown by the api. Values in these lists are only ever added, never renamed or removed, so every stored
// row stays readable.

/** The roles of officers (functionarissen) who can represent the company, named as on Dutch extracts. */
export const OFFICER_ROLES = ['bestuurder', 'gevolmachtigde', 'eigenaar', 'vennoot'] as const;
export type OfficerRole = (typeof OFFICER_ROLES)[number];

/**
 * Whether an officer may act for the company alone: `yes` (alone/independently authorised, full power of
 * attorney, owner of a sole proprietorship), `no` (explicitly not authorised), `not_determined` (joint or
 * limited authority, or nothing found).
 */
export const OFFICER_AUTHORITIES = ['yes', 'no', 'not_determined'] as const;
export type OfficerAuthority = (typeof OFFICER_AUTHORITIES)[number];

export const COMPANY_NAME_MATCHES = ['exact', 'similar', 'different'] as const;
export type CompanyNameMatch = (typeof COMPANY_NAME_MATCHES)[number];

/** How the extract's company name compares; `unknown` when there was nothing to compare. */
export const COMPANY_NAME_FINDINGS = [...COMPANY_NAME_MATCHES, 'unknown'] as const;
export type CompanyNameFinding = (typeof COMPANY_NAME_FINDINGS)[number];

export const FINDING_WARNING_CODES = [
  'not_sealed',
  'modified_after_creation',
  'editing_software',
  'incremental_updates',
  'kvk_number_missing',
  'kvk_number_not_in_environment',
  'company_name_different',
  'extract_date_missing',
  'extract_too_old',
  'extract_date_in_future',
  'no_officers',
  'requester_not_officer',
  'requester_not_authorised',
  'requester_authority_not_determined',
] as const;
export type FindingWarningCode = (typeof FINDING_WARNING_CODES)[number];

export interface FindingWarning {
  code: FindingWarningCode;
  /** For the support agent. */
  message: string;
}

export interface FindingsOfficer {
  /** As written on the extract, often `Surname, Given names`. */
  name: string;
  role: OfficerRole;
  authority: OfficerAuthority;
}

/** What the agent sees beside the extract (SPEC 8: `findings`). They inform; they never decide. */
export interface ExtractFindings {
  kvkNumber: string | null;
  /** Null while the case has no environment. */
  kvkNumberMatches: boolean | null;
  /** The organisations of the environment with the extract's KvK number: the default ones to link. */
  matchedOrganisationIds: string[];
  companyName: string | null;
  companyNameMatches: CompanyNameFinding;
  /** 0..1, against the closest of the requester's company name and the environment's organisations. */
  companyNameSimilarity: number | null;
  /** YYYY-MM-DD. */
  extractDate: string | null;
  extractRecent: boolean | null;
  officers: FindingsOfficer[];
  requesterIsOfficer: boolean;
  /** The strongest authority among the officers that are the requester; null when none is. */
  requesterOfficerAuthority: OfficerAuthority | null;
  warnings: FindingWarning[];
}

/** A check's verdict: as expected, look closer, or against the request. */
export const CHECK_COLOURS = ['green', 'amber', 'red'] as const;
export type CheckColour = (typeof CHECK_COLOURS)[number];

/** What a check looks at; stable, for programs (the title is for people). `document` may come more than once. */
export const FINDING_CHECK_KINDS = [
  'kvk_number',
  'company_name',
  'extract_date',
  'requester_officer',
  'document',
] as const;
export type FindingCheckKind = (typeof FINDING_CHECK_KINDS)[number];

/** One finding as the agent reads it: a verdict with its reason. */
export interface FindingCheck {
  check: FindingCheckKind;
  title: string;
  colour: CheckColour;
  /** Why it has this colour, in the agent's words. */
  reason: string;
}

/**
 * The findings as stored (JSON written by an earlier or the same version), read into their type. A row
 * from before a field existed gets the value that claims least: unknown, none, or "look closer"; entries
 * that are not of the shape are left out. Anything but an object is no findings.
 */
export function readExtractFindings(stored: unknown): ExtractFindings | null {
  if (!isRecord(stored)) return null;
  const requesterIsOfficer = stored.requesterIsOfficer === true;
  return {
    kvkNumber: stringOrNull(stored.kvkNumber),
    kvkNumberMatches: booleanOrNull(stored.kvkNumberMatches),
    matchedOrganisationIds: listOf(stored.matchedOrganisationIds, (id) =>
      typeof id === 'string' ? id : undefined,
    ),
    companyName: stringOrNull(stored.companyName),
    companyNameMatches: oneOf(COMPANY_NAME_FINDINGS, stored.companyNameMatches) ?? 'unknown',
    companyNameSimilarity:
      typeof stored.companyNameSimilarity === 'number' ? stored.companyNameSimilarity : null,
    extractDate: stringOrNull(stored.extractDate),
    extractRecent: booleanOrNull(stored.extractRecent),
    officers: listOf(stored.officers, readOfficer),
    requesterIsOfficer,
    // An officer whose authority was not recorded is one to look at more closely, not one ruled out.
    requesterOfficerAuthority:
      oneOf(OFFICER_AUTHORITIES, stored.requesterOfficerAuthority) ??
      (requesterIsOfficer ? 'not_determined' : null),
    warnings: listOf(stored.warnings, readWarning),
  };
}

function readOfficer(value: unknown): FindingsOfficer | undefined {
  if (!isRecord(value) || typeof value.name !== 'string') return undefined;
  const role = oneOf(OFFICER_ROLES, value.role);
  if (role === undefined) return undefined;
  return {
    name: value.name,
    role,
    authority: oneOf(OFFICER_AUTHORITIES, value.authority) ?? 'not_determined',
  };
}

function readWarning(value: unknown): FindingWarning | undefined {
  if (!isRecord(value) || typeof value.message !== 'string') return undefined;
  const code = oneOf(FINDING_WARNING_CODES, value.code);
  return code === undefined ? undefined : { code, message: value.message };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function listOf<T>(value: unknown, read: (item: unknown) => T | undefined): T[] {
  return Array.isArray(value) ? value.map(read).filter((item): item is T => item !== undefined) : [];
}

function oneOf<T extends string>(values: readonly T[], value: unknown): T | undefined {
  return values.find((known) => known === value);
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function booleanOrNull(value: unknown): boolean | null {
  return typeof value === 'boolean' ? value : null;
}
