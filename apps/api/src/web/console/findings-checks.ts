import type { ExtractFindings } from '@app/document-analysis';

export type CheckColour = 'green' | 'amber' | 'red';

export interface FindingCheck {
  title: string;
  colour: CheckColour;
  /** Why it has this colour, in the agent's words. */
  reason: string;
}

type Warning = ExtractFindings['warnings'][number];

// What the PDF says about itself: an edit after creation or editing software is a strong sign of forgery;
// a missing seal or a later revision is a reason to look closer, not more.
const DOCUMENT_WARNINGS: Record<string, CheckColour> = {
  modified_after_creation: 'red',
  editing_software: 'red',
  incremental_updates: 'amber',
  not_sealed: 'amber',
};

function warningOf(findings: ExtractFindings, ...codes: string[]): Warning | undefined {
  return findings.warnings.find((warning) => codes.includes(warning.code));
}

/**
 * The findings of an extract as the checks an agent reads beside it, each green (as expected), amber
 * (look closer) or red (against the request). They inform the decision; they never make it.
 */
export function findingsChecks(findings: ExtractFindings): FindingCheck[] {
  const checks: FindingCheck[] = [];

  const kvk = warningOf(findings, 'kvk_number_missing', 'kvk_number_not_in_environment');
  checks.push(
    findings.kvkNumberMatches === true
      ? {
          title: 'KvK number',
          colour: 'green',
          reason: `KvK number ${findings.kvkNumber ?? ''} on the extract belongs to ${String(findings.matchedOrganisationIds.length)} organisation(s) of this environment.`,
        }
      : findings.kvkNumberMatches === null && !kvk
        ? {
            title: 'KvK number',
            colour: 'amber',
            reason: `KvK number ${findings.kvkNumber ?? ''} on the extract; the case has no environment yet to compare it with.`,
          }
        : { title: 'KvK number', colour: 'red', reason: kvk?.message ?? 'The KvK number does not match.' },
  );

  const name = warningOf(findings, 'company_name_different');
  checks.push(
    findings.companyNameMatches === 'exact'
      ? {
          title: 'Company name',
          colour: 'green',
          reason: `"${findings.companyName ?? ''}" is the name given.`,
        }
      : findings.companyNameMatches === 'similar'
        ? {
            title: 'Company name',
            colour: 'amber',
            reason: `"${findings.companyName ?? ''}" on the extract is similar to, not the same as, the name given.`,
          }
        : findings.companyNameMatches === 'unknown'
          ? { title: 'Company name', colour: 'amber', reason: 'No company name was found on the extract.' }
          : { title: 'Company name', colour: 'red', reason: name?.message ?? 'The company name differs.' },
  );

  const date = warningOf(findings, 'extract_date_missing', 'extract_too_old', 'extract_date_in_future');
  checks.push(
    findings.extractRecent === true
      ? {
          title: 'Date of the extract',
          colour: 'green',
          reason: `Dated ${findings.extractDate ?? ''}: recent.`,
        }
      : {
          title: 'Date of the extract',
          colour: findings.extractRecent === false ? 'red' : 'amber',
          reason: date?.message ?? 'The date of the extract could not be read.',
        },
  );

  const officer = warningOf(
    findings,
    'no_officers',
    'requester_not_officer',
    'requester_not_authorised',
    'requester_authority_not_determined',
  );
  checks.push(
    findings.requesterOfficerAuthority === 'yes'
      ? {
          title: 'Requester on the extract',
          colour: 'green',
          reason: 'The requester is an officer who may represent the company alone.',
        }
      : {
          title: 'Requester on the extract',
          colour: findings.requesterOfficerAuthority === 'not_determined' ? 'amber' : 'red',
          reason: officer?.message ?? 'The requester was not found among the officers.',
        },
  );

  const documentWarnings = findings.warnings.filter((warning) => warning.code in DOCUMENT_WARNINGS);
  if (documentWarnings.length === 0) {
    checks.push({ title: 'The PDF itself', colour: 'green', reason: 'No signs of editing in the PDF.' });
  }
  for (const warning of documentWarnings) {
    checks.push({
      title: 'The PDF itself',
      colour: DOCUMENT_WARNINGS[warning.code] ?? 'amber',
      reason: warning.message,
    });
  }
  return checks;
}
