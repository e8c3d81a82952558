/** The roles of officers (functionarissen) who can represent the company, named as on Dutch extracts. */
export type OfficerRole = 'bestuurder' | 'gevolmachtigde' | 'eigenaar' | 'vennoot';

/**
 * Whether an officer may act for the company alone: `yes` (alone/independently authorised, full power of
 * attorney, owner of a sole proprietorship), `no` (explicitly not authorised), `not_determined` (joint or
 * limited authority, or nothing found).
 */
export type OfficerAuthority = 'yes' | 'no' | 'not_determined';

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
