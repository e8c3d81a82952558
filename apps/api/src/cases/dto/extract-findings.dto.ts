import { ApiProperty } from '@nestjs/swagger';
import {
  CHECK_COLOURS,
  COMPANY_NAME_FINDINGS,
  FINDING_CHECK_KINDS,
  FINDING_WARNING_CODES,
  OFFICER_AUTHORITIES,
  OFFICER_ROLES,
  type CheckColour,
  type CompanyNameFinding,
  type ExtractFindings,
  type FindingCheck,
  type FindingCheckKind,
  type FindingsOfficer,
  type FindingWarning,
  type FindingWarningCode,
  type OfficerAuthority,
  type OfficerRole,
} from '@app/domain';

// `implements` keeps these classes in step with the domain's types: a field added there fails the build here.

export class FindingWarningDto implements FindingWarning {
  @ApiProperty({ enum: FINDING_WARNING_CODES, description: 'What is wrong, for programs' })
  code!: FindingWarningCode;
  @ApiProperty({ description: 'What is wrong, for the agent (English)' }) message!: string;
}

export class FindingsOfficerDto implements FindingsOfficer {
  @ApiProperty({ example: 'De Vries, Anna', description: 'As written on the extract' }) name!: string;
  @ApiProperty({ enum: OFFICER_ROLES }) role!: OfficerRole;
  @ApiProperty({
    enum: OFFICER_AUTHORITIES,
    description: 'May act for the company alone: yes, no, or not determined (joint, limited or unstated)',
  })
  authority!: OfficerAuthority;
}

/** What the most recent extract that was read says against the case. They inform; they never decide. */
export class ExtractFindingsDto implements ExtractFindings {
  @ApiProperty({
    type: String,
    nullable: true,
    example: '12345678',
    description: 'Null when none was found',
  })
  kvkNumber!: string | null;
  @ApiProperty({
    type: Boolean,
    nullable: true,
    description: 'It belongs to an organisation of the environment; null while the case has no environment',
  })
  kvkNumberMatches!: boolean | null;
  @ApiProperty({
    type: [String],
    description: 'Organisations with the KvK number: linked on approval by default',
  })
  matchedOrganisationIds!: string[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The statutory name, else the first trade name',
  })
  companyName!: string | null;
  @ApiProperty({
    enum: COMPANY_NAME_FINDINGS,
    description:
      'Against the name the requester gave and the environment’s organisations; unknown when none was found',
  })
  companyNameMatches!: CompanyNameFinding;
  @ApiProperty({
    type: Number,
    nullable: true,
    minimum: 0,
    maximum: 1,
    description: 'Of the closest name',
  })
  companyNameSimilarity!: number | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '2026-11-20',
    description: 'When it was made',
  })
  extractDate!: string | null;
  @ApiProperty({
    type: Boolean,
    nullable: true,
    description: 'Made within EXTRACT_MAX_AGE; null when no date was found',
  })
  extractRecent!: boolean | null;
  @ApiProperty({ type: [FindingsOfficerDto] }) officers!: FindingsOfficerDto[];
  @ApiProperty({ description: 'The requester’s name is among the officers' }) requesterIsOfficer!: boolean;
  @ApiProperty({
    enum: OFFICER_AUTHORITIES,
    nullable: true,
    description: 'The strongest authority of the officers that are the requester; null when none is',
  })
  requesterOfficerAuthority!: OfficerAuthority | null;
  @ApiProperty({ type: [FindingWarningDto] }) warnings!: FindingWarningDto[];
}

/** One finding as the agent's verdict: as expected (green), look closer (amber), against the request (red). */
export class FindingCheckDto implements FindingCheck {
  @ApiProperty({
    enum: FINDING_CHECK_KINDS,
    description: 'What is checked; document may come more than once',
  })
  check!: FindingCheckKind;
  @ApiProperty({ example: 'KvK number', description: 'For people (English)' }) title!: string;
  @ApiProperty({ enum: CHECK_COLOURS }) colour!: CheckColour;
  @ApiProperty({ description: 'Why it has this colour, for the agent (English)' }) reason!: string;
}
