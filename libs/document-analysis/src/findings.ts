import type { ExtractFindings, FindingWarning, FindingWarningCode, OfficerAuthority } from '@app/domain';
import { compareCompanyNames } from './company-name';
import { editingSoftware } from './editing-software';
import type { ExtractData } from './extract-data';
import type { ExtractMetadata } from './extract-reading';
import { parsePersonName, samePerson } from './person-name';

interface FindingsOrganisation {
  id: string;
  name: string;
  kvkNumber: string;
}

export interface FindingsInput {
  /** From the reading: what the PDF says about itself. */
  metadata: ExtractMetadata;
  extract: ExtractData;
  /** The environment the case is matched to; absent while there is none. */
  environment?: { organisations: readonly FindingsOrganisation[] };
  requesterName: string;
  /** The company name the requester typed in the request. */
  companyNameGiven: string;
  now: Date;
  /** How old an extract may be to count as recent, in milliseconds (30 days by default in SPEC 5.4). */
  maxAgeMs: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
// The seal is applied a moment after the extract is made; that is no edit.
const MODIFICATION_TOLERANCE_MS = 2 * 60 * 1000;
const AUTHORITY_STRENGTH: Record<OfficerAuthority, number> = { yes: 2, not_determined: 1, no: 0 };

/**
 * Compares what an extract says with the case: the environment's organisations, the company name and the
 * requester's name; and lists what in the document's metadata hints at editing. A KvK extract is a public
 * document anyone can order, so none of this proves the requester may act for the company.
 */
export function assessFindings(input: FindingsInput): ExtractFindings {
  const { extract, environment, metadata } = input;
  const warnings: FindingWarning[] = [...metadataWarnings(metadata)];
  const warn = (code: FindingWarningCode, message: string): void => {
    warnings.push({ code, message });
  };

  const kvkNumber = extract.kvkNumber ?? null;
  const matchedOrganisationIds =
    kvkNumber === null || !environment
      ? []
      : environment.organisations.filter((o) => digits(o.kvkNumber) === kvkNumber).map((o) => o.id);
  const kvkNumberMatches = environment ? matchedOrganisationIds.length > 0 : null;
  if (kvkNumber === null) {
    warn('kvk_number_missing', 'No KvK number was found on the extract.');
  } else if (kvkNumberMatches === false) {
    warn(
      'kvk_number_not_in_environment',
      `KvK number ${kvkNumber} on the extract belongs to no organisation of this environment.`,
    );
  }

  const company = companyNameFinding(extract.companyName, [
    input.companyNameGiven,
    ...(environment?.organisations.map((o) => o.name) ?? []),
  ]);
  if (company.companyNameMatches === 'different') {
    warn(
      'company_name_different',
      `The company name on the extract, "${extract.companyName ?? ''}", is not like the name the requester gave ` +
        `("${input.companyNameGiven}") nor like any organisation of this environment.`,
    );
  }

  const recency = recencyFinding(extract.extractDate, input.now, input.maxAgeMs);
  if (recency.warning) warn(recency.warning.code, recency.warning.message);

  const officers = extract.officers.map(({ name, role, authority }) => ({ name, role, authority }));
  const requester = parsePersonName(input.requesterName);
  const requesterAs = officers.filter((officer) => samePerson(officer.name, requester));
  const requesterOfficerAuthority = strongest(requesterAs.map((officer) => officer.authority));
  if (officers.length === 0) {
    warn('no_officers', 'No officers (functionarissen) were found on the extract.');
  } else if (requesterAs.length === 0) {
    warn(
      'requester_not_officer',
      `The requester, ${input.requesterName}, is not among the officers on the extract.`,
    );
  } else if (requesterOfficerAuthority === 'no') {
    warn(
      'requester_not_authorised',
      'The requester is listed on the extract as not authorised to represent the company.',
    );
  } else if (requesterOfficerAuthority === 'not_determined') {
    warn(
      'requester_authority_not_determined',
      'The requester is listed on the extract, but with joint, limited or unstated authority: not as someone who ' +
        'may represent the company alone.',
    );
  }

  return {
    kvkNumber,
    kvkNumberMatches,
    matchedOrganisationIds,
    companyName: extract.companyName ?? null,
    ...company,
    extractDate: extract.extractDate ?? null,
    extractRecent: recency.recent,
    officers,
    requesterIsOfficer: requesterAs.length > 0,
    requesterOfficerAuthority,
    warnings,
  };
}

function metadataWarnings(metadata: ExtractMetadata): FindingWarning[] {
  const warnings: FindingWarning[] = [];
  if (!metadata.signed) {
    warnings.push({
      code: 'not_sealed',
      message:
        'The PDF carries no electronic seal or signature. Extracts from the Chamber of Commerce have been sealed ' +
        'since March 2020; a copy without one may have been re-made or printed to PDF.',
    });
  }
  const created = timeOf(metadata.creationDate);
  const modified = timeOf(metadata.modificationDate);
  if (created !== undefined && modified !== undefined && modified - created > MODIFICATION_TOLERANCE_MS) {
    warnings.push({
      code: 'modified_after_creation',
      message: `The PDF was modified (${metadata.modificationDate ?? ''}) after it was created (${metadata.creationDate ?? ''}).`,
    });
  }
  for (const [field, value] of [
    ['producer', metadata.producer],
    ['creator', metadata.creator],
  ] as const) {
    const software = editingSoftware(value);
    if (software !== undefined) {
      warnings.push({
        code: 'editing_software',
        message: `The PDF's ${field} is "${value ?? ''}" (${software}): software for editing or converting documents, not the Chamber of Commerce's.`,
      });
      break;
    }
  }
  // Sealing may append one save of its own; more than that is a change after the extract was made.
  const expectedUpdates = metadata.signed ? 1 : 0;
  if (metadata.incrementalUpdates > expectedUpdates) {
    warnings.push({
      code: 'incremental_updates',
      message:
        `The PDF was saved ${metadata.incrementalUpdates} more time(s) after it was first written` +
        (metadata.signed ? ', beyond what sealing needs.' : '.'),
    });
  }
  return warnings;
}

function companyNameFinding(
  name: string | undefined,
  candidates: readonly string[],
): Pick<ExtractFindings, 'companyNameMatches' | 'companyNameSimilarity'> {
  const comparisons =
    name === undefined
      ? []
      : candidates.filter((c) => c.trim() !== '').map((c) => compareCompanyNames(name, c));
  if (comparisons.length === 0) return { companyNameMatches: 'unknown', companyNameSimilarity: null };
  const best = comparisons.reduce((a, b) => (b.similarity > a.similarity ? b : a));
  return { companyNameMatches: best.match, companyNameSimilarity: best.similarity };
}

function recencyFinding(
  extractDate: string | undefined,
  now: Date,
  maxAgeMs: number,
): { recent: boolean | null; warning?: FindingWarning } {
  const made = extractDate === undefined ? undefined : timeOf(`${extractDate}T00:00:00Z`);
  if (made === undefined) {
    return {
      recent: null,
      warning: { code: 'extract_date_missing', message: 'No production date was found on the extract.' },
    };
  }
  // Whole days: the extract's date (midnight UTC) against the start of today's.
  const age = Math.floor(now.getTime() / DAY_MS) * DAY_MS - made;
  // One day of slack: the extract's date is Dutch, `now` is UTC.
  if (age < -DAY_MS) {
    return {
      recent: false,
      warning: {
        code: 'extract_date_in_future',
        message: `The extract says it was made on ${extractDate ?? ''}, a date still to come.`,
      },
    };
  }
  if (age > maxAgeMs) {
    return {
      recent: false,
      warning: {
        code: 'extract_too_old',
        message: `The extract was made on ${extractDate ?? ''}, ${days(age)} days ago: more than the ${days(maxAgeMs)} days allowed.`,
      },
    };
  }
  return { recent: true };
}

function days(ms: number): string {
  return String(Math.round((ms / DAY_MS) * 10) / 10);
}

function strongest(authorities: OfficerAuthority[]): OfficerAuthority | null {
  return authorities.reduce<OfficerAuthority | null>(
    (best, a) => (best === null || AUTHORITY_STRENGTH[a] > AUTHORITY_STRENGTH[best] ? a : best),
    null,
  );
}

function timeOf(iso: string | undefined): number | undefined {
  if (iso === undefined) return undefined;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? undefined : time;
}

function digits(text: string): string {
  return text.replace(/\D/g, '');
}
