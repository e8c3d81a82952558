import type { OfficerAuthority, OfficerRole } from '@app/domain';

// The officers' roles and authorities are the findings' too, so their lists live in libs/domain.

export interface ExtractOfficer {
  /** As written on the extract, often `Surname, Given names`. */
  name: string;
  role: OfficerRole;
  authority: OfficerAuthority;
  /** The authority line as written, for the agent. */
  authorityText?: string;
}

/** What a Chamber of Commerce extract (uittreksel Handelsregister) says, as far as it could be read. */
export interface ExtractData {
  language: 'nl' | 'en';
  /** Eight digits. */
  kvkNumber?: string;
  /** The statutory (legal) name when there is one, else the first trade name. */
  companyName?: string;
  /** When the extract was produced, YYYY-MM-DD. */
  extractDate?: string;
  officers: ExtractOfficer[];
}
