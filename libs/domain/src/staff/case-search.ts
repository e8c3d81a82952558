import { normaliseCaseReference } from '../case/case-reference';
import { KVK_NUMBER_PATTERN } from '../kvk-number';

/** What an agent's search text in the queue is taken to be. */
export type CaseSearch =
  | { kind: 'reference'; reference: string }
  | { kind: 'kvk_number'; kvkNumber: string }
  | { kind: 'email'; email: string }
  | { kind: 'company_name'; text: string };

/**
 * Reads the queue's search text: a case reference (as people type it), a KvK number (spaces and dots
 * allowed), an email address (it has an @), or else part of a company name. Undefined for blank text.
 */
export function caseSearchFor(query: string): CaseSearch | undefined {
  const text = query.trim();
  if (text === '') return undefined;
  const reference = normaliseCaseReference(text);
  if (reference) return { kind: 'reference', reference };
  const compact = text.replace(/[\s.]/g, '');
  if (KVK_NUMBER_PATTERN.test(compact)) return { kind: 'kvk_number', kvkNumber: compact };
  if (text.includes('@')) return { kind: 'email', email: text.toLowerCase() };
  return { kind: 'company_name', text };
}
