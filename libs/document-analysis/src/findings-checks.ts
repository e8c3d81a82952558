import type {
  CheckColour,
  ExtractFindings,
  FindingCheck,
  FindingWarning,
  FindingWarningCode,
} from '@app/domain';

// What the PDF says about itself: an edit after creation or editing software is a strong sign of forgery;
// a missing seal or a later revision is a reason to look closer, not more.
const DOCUMENT_WARNINGS: Partial<Record<FindingWarningCode, CheckColour>> = {
  modified_after_creation: 'red',
  editing_software: 'red',
  incremental_updates: 'amber',
  not_sealed: 'amber',
};

function warningOf(findings: ExtractFindings, ...codes: FindingWarningCode[]): FindingWarning | undefined {
  return findings.warnings.find((warning) => codes.includes(warning.code));
}

/**
 * The findings of an extract as the checks an agent reads beside it, each green (as expected), amber
 * (look closer) or red (against the request), with the reason in English. Computed when read, not
 * stored, so stored findings are judged by today's rules. They inform the decision; they never make it.
 */
export function findingsChecks(findings: ExtractFindings): FindingCheck[] {
  const checks: FindingCheck[] = [];

  const kvk = warningOf(findings, 'kvk_number_missing', 'kvk_number_not_in_environment');
  const kvkCheck = { check: 'kvk_number', title: 'KvK number' } as const;
  checks.push(
    findings.kvkNumberMatches === true
      ? {
          ...kvkCheck,
          colour: 'green',
          reason: `KvK number ${findings.kvkNumber ?? ''} on the extract belongs to ${String(findings.matchedOrganisationIds.length)} organisation(s) of this environment.`,
        }
      : findings.kvkNumberMatches === null && !kvk
        ? {
            ...kvkCheck,
            colour: 'amber',
            reason:
              findings.kvkNumber === null
                ? 'No KvK number was found on the extract.'
                : `KvK number ${findings.kvkNumber} on the extract; the case has no environment yet to compare it with.`,
          }
        : { ...kvkCheck, colour: 'red', reason: kvk?.message ?? 'The KvK number does not match.' },
  );

  const name = warningOf(findings, 'company_name_different');
  const nameCheck = { check: 'company_name', title: 'Company name' } as const;
  checks.push(
    findings.companyNameMatches === 'exact'
      ? { ...nameCheck, colour: 'green', reason: `"${findings.companyName ?? ''}" is the name given.` }
      : findings.companyNameMatches === 'similar'
        ? {
            ...nameCheck,
            colour: 'amber',
            reason: `"${findings.companyName ?? ''}" on the extract is similar to, not the same as, the name given.`,
          }
        : findings.companyNameMatches === 'unknown'
          ? { ...nameCheck, colour: 'amber', reason: 'No company name was found on the extract.' }
          : { ...nameCheck, colour: 'red', reason: name?.message ?? 'The company name differs.' },
  );

  const date = warningOf(findings, 'extract_date_missing', 'extract_too_old', 'extract_date_in_future');
  const dateCheck = { check: 'extract_date', title: 'Date of the extract' } as const;
  checks.push(
    findings.extractRecent === true
      ? { ...dateCheck, colour: 'green', reason: `Dated ${findings.extractDate ?? ''}: recent.` }
      : {
          ...dateCheck,
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
  const officerCheck = { check: 'requester_officer', title: 'Requester on the extract' } as const;
  checks.push(
    findings.requesterOfficerAuthority === 'yes'
      ? {
          ...officerCheck,
          colour: 'green',
          reason: 'The requester is an officer who may represent the company alone.',
        }
      : {
          ...officerCheck,
          colour: findings.requesterOfficerAuthority === 'not_determined' ? 'amber' : 'red',
          reason:
            officer?.message ??
            (findings.requesterIsOfficer
              ? 'The requester is among the officers, but not known to represent the company alone.'
              : 'The requester was not found among the officers.'),
        },
  );

  const documentCheck = { check: 'document', title: 'The PDF itself' } as const;
  const documentWarnings = findings.warnings.flatMap((warning) => {
    const colour = DOCUMENT_WARNINGS[warning.code];
    return colour === undefined ? [] : [{ ...documentCheck, colour, reason: warning.message }];
  });
  if (documentWarnings.length === 0) {
    checks.push({ ...documentCheck, colour: 'green', reason: 'No signs of editing in the PDF.' });
  }
  checks.push(...documentWarnings);
  return checks;
}
