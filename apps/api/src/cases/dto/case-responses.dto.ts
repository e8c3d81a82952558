import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CASE_EVENT_TYPES,
  CASE_LANGUAGES,
  CASE_STATUSES,
  DOCUMENT_STATUSES,
  ENVIRONMENT_MATCH_KINDS,
  EVENT_ACTOR_TYPES,
  VERIFICATION_METHODS,
  type CaseEventType,
  type CaseLanguage,
  type CaseStatus,
  type DocumentStatus,
  type EnvironmentMatchKind,
  type EventActorType,
  type VerificationMethod,
} from '@app/domain';
import type { MailDeliveryEntity } from '@app/persistence';
import { EnvironmentDto, OrganisationDto, UserDto } from '../../environments/dto/directory-responses.dto';
import { SubmittedDetailsDto } from '../../recovery-requests/dto/recovery-request-status.dto';
import { ExtractFindingsDto, FindingCheckDto } from './extract-findings.dto';

export class CaseEnvironmentRefDto {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'ENV-1001' }) reference!: string;
  @ApiProperty() name!: string;
}

export class CaseSummaryDto {
  @ApiProperty({ example: 'RC-7KQ4-M2XD' }) reference!: string;
  @ApiProperty({ enum: CASE_STATUSES }) status!: CaseStatus;
  @ApiProperty({ enum: VERIFICATION_METHODS }) method!: VerificationMethod;
  @ApiProperty() requesterName!: string;
  @ApiProperty() requesterEmail!: string;
  @ApiProperty() companyName!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) kvkNumber!: string | null;
  @ApiPropertyOptional({
    type: CaseEnvironmentRefDto,
    nullable: true,
    description: 'The matched environment',
  })
  environment!: CaseEnvironmentRefDto | null;
  @ApiProperty({ description: 'Waited longer than the review SLA' }) overdue!: boolean;
  @ApiProperty({ description: 'Someone of the environment objected' }) flagged!: boolean;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiProperty({ description: 'Milliseconds from submission until it closed, or until now' }) ageMs!: number;
}

export class CaseListDto {
  @ApiProperty({ type: [CaseSummaryDto] }) items!: CaseSummaryDto[];
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Pass as cursor for the next page; null on the last',
  })
  nextCursor!: string | null;
}

export class CaseDocumentDto {
  @ApiProperty() id!: string;
  @ApiProperty({ description: '1 for the first upload' }) sequence!: number;
  @ApiProperty({ enum: DOCUMENT_STATUSES }) status!: DocumentStatus;
  @ApiProperty() byteSize!: number;
  @ApiPropertyOptional({ type: Number, nullable: true }) pageCount!: number | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'What the requester was told' })
  refusalMessage!: string | null;
  @ApiProperty() uploadedAt!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) analysedAt!: string | null;
}

export class CaseEventDto {
  @ApiProperty({
    example: '1287',
    description: "The event's place on the trail (the case's version counts them)",
  })
  id!: string;
  @ApiProperty({ enum: CASE_EVENT_TYPES, example: 'case_submitted' }) type!: CaseEventType;
  @ApiProperty({ enum: EVENT_ACTOR_TYPES }) actorType!: EventActorType;
  @ApiPropertyOptional({ type: String, nullable: true, description: "The agent's id, for example" })
  actorId!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) details!: Record<string, unknown>;
  @ApiProperty() at!: string;
}

type MailDeliveryState = MailDeliveryEntity['state'];
// Every state the entity knows, checked by the compiler: a state added there is missing here until listed.
const MAIL_DELIVERY_STATES = Object.keys({
  pending: true,
  sent: true,
  refused: true,
  withdrawn: true,
} satisfies Record<MailDeliveryState, true>) as MailDeliveryState[];

/** One mail to one recipient: whether the mail server took it, is still being tried, or refused it for good. */
export class CaseDeliveryDto {
  @ApiProperty({
    example: 'cooling-off-notice',
    description:
      'What the mail is for: case-link, email-code, extract-request, document-request, rejection, cooling-off-notice, objection-received, review-overdue, attention-needed, appointment, appointment-notice, invitation, closure, cancellation or expiry',
  })
  purpose!: string;
  @ApiProperty({ example: 'beheer@bakkerij.example' }) recipient!: string;
  @ApiProperty({
    example: '<case-link.6f1c2e0a-5b7d-4c1e-9a3f-2d8b7e4c1a90@support.example>',
    description: "The mail's Message-ID header",
  })
  messageId!: string;
  @ApiProperty({
    enum: MAIL_DELIVERY_STATES,
    description:
      'pending until the mail server took the mail (sent) or refused its recipient for good (refused); withdrawn: its occasion passed before it went out (a cooling-off round objected to, a review decided), and it is not sent',
  })
  state!: MailDeliveryState;
  @ApiProperty({ description: 'Attempts to send it so far' }) attempts!: number;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Null before the first attempt' })
  lastAttemptAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) sentAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) refusedAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) withdrawnAt!: string | null;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    example: 550,
    description: "The mail server's reply code of a refusal (only the number); else null",
  })
  smtpStatus!: number | null;
  @ApiProperty() createdAt!: string;
}

export class CaseOrganisationDto extends OrganisationDto {
  @ApiProperty({ description: "Its KvK number matched the case's: linked on approval by default" })
  matched!: boolean;
}

/** The environment as it is now, for the agent's decision. */
export class CaseEnvironmentDto extends EnvironmentDto {
  @ApiProperty({ type: [UserDto], description: 'Users who are administrators, whatever their status' })
  administrators!: UserDto[];
  @ApiProperty({ type: [UserDto] }) users!: UserDto[];
  @ApiProperty({ type: [CaseOrganisationDto] }) organisations!: CaseOrganisationDto[];
}

/** Why a case waits for support: the step that failed for a reason no retry mends. */
export class CaseAttentionDto {
  @ApiProperty({ example: 'appointAdministrator', description: 'The failed step, as the service names it' })
  step!: string;
  @ApiProperty({ example: 'not_found', description: 'Why it failed, as a code' }) reason!: string;
  @ApiPropertyOptional({
    enum: CASE_STATUSES,
    nullable: true,
    example: 'appointing',
    description:
      'The state the step started from: a retry takes the case back to it (null if the trail lacks it)',
  })
  from!: CaseStatus | null;
  @ApiProperty({ description: 'When the case started to need attention' }) since!: string;
}

export class CaseDetailDto {
  @ApiProperty({ example: 'RC-7KQ4-M2XD' }) reference!: string;
  @ApiProperty({
    example: '1287',
    description:
      'The version of the case this answer shows; a decision carries it, and is refused (409, saying what changed) when the case changed since',
  })
  version!: string;
  @ApiProperty({ enum: CASE_STATUSES }) status!: CaseStatus;
  @ApiProperty({ enum: VERIFICATION_METHODS }) method!: VerificationMethod;
  @ApiProperty({ enum: CASE_LANGUAGES, description: 'The language of every mail about the case' })
  language!: CaseLanguage;
  @ApiPropertyOptional({ enum: ENVIRONMENT_MATCH_KINDS, nullable: true })
  matchKind!: EnvironmentMatchKind | null;
  @ApiProperty() overdue!: boolean;
  @ApiProperty() flagged!: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'When the review SLA ends' })
  reviewDueAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'When the appointment takes effect' })
  appointAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) closedAt!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiProperty({ description: 'Milliseconds from submission until it closed, or until now' }) ageMs!: number;
  @ApiPropertyOptional({
    type: CaseAttentionDto,
    nullable: true,
    description:
      'While the case needs attention: the failed step and why (support retries it or closes the case); else null',
  })
  attention!: CaseAttentionDto | null;
  @ApiProperty({ type: SubmittedDetailsDto }) submitted!: SubmittedDetailsDto;
  @ApiProperty({ type: [String], description: 'Organisations whose KvK number matched' })
  matchedOrganisationIds!: string[];
  @ApiPropertyOptional({ type: [String], nullable: true, description: 'Chosen by the agent who approved' })
  approvedOrganisationIds!: string[] | null;
  @ApiPropertyOptional({
    type: ExtractFindingsDto,
    nullable: true,
    description: 'Of the most recent extract that was read; null when none was',
  })
  findings!: ExtractFindingsDto | null;
  @ApiProperty({
    type: [FindingCheckDto],
    description: 'The findings as the agent reads them, judged when asked; empty without findings',
  })
  findingChecks!: FindingCheckDto[];
  @ApiProperty({ type: [CaseDocumentDto] }) documents!: CaseDocumentDto[];
  @ApiProperty({ type: [CaseEventDto] }) events!: CaseEventDto[];
  @ApiProperty({
    type: [CaseDeliveryDto],
    description: 'Every mail of the case, one per recipient, oldest first',
  })
  deliveries!: CaseDeliveryDto[];
  @ApiPropertyOptional({
    type: CaseEnvironmentDto,
    nullable: true,
    description: 'As it is now; null when unmatched',
  })
  environment!: CaseEnvironmentDto | null;
}
