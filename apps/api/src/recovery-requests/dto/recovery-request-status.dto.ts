import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CASE_LANGUAGES,
  CASE_STATUSES,
  DOCUMENT_REFUSAL_REASONS,
  VERIFICATION_METHODS,
  type CaseLanguage,
  type CaseStatus,
  type DocumentRefusalReason,
  type NextStep,
  type RequesterEventType,
  type VerificationMethod,
} from '@app/domain';

/** What the requester sent with the request, as the requester and staff both see it. */
export class SubmittedDetailsDto {
  @ApiProperty() requesterName!: string;
  @ApiProperty() requesterEmail!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) requesterPhone!: string | null;
  @ApiProperty() companyName!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) kvkNumber!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) environmentReference!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) formerAdminEmail!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) message!: string | null;
}

export class RequesterEventDto {
  @ApiProperty({ example: 'case_submitted' }) type!: RequesterEventType;
  @ApiProperty() at!: string;
  @ApiPropertyOptional({ description: "For the requester: a refused document, an agent's reason" })
  message?: string;
}

export class LatestDocumentDto {
  @ApiProperty() sequence!: number;
  @ApiProperty({ enum: ['received', 'analysed', 'refused'] }) status!: string;
  @ApiPropertyOptional({
    enum: DOCUMENT_REFUSAL_REASONS,
    nullable: true,
    description: 'Why it could not be used',
  })
  refusalReason!: DocumentRefusalReason | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Why it could not be used, and what to do',
  })
  refusalMessage!: string | null;
}

/** What the requester can still do at this step. */
export class RequesterAllowancesDto {
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Tries left on the current code' })
  codeTriesLeft!: number | null;
  @ApiPropertyOptional({ type: String, nullable: true }) codeExpiresAt!: string | null;
  @ApiProperty({ description: 'New codes that can still be asked for' }) codeResendsLeft!: number;
  @ApiProperty() uploadsLeft!: number;
  @ApiProperty() canCancel!: boolean;
}

export class RecoveryRequestStatusDto {
  @ApiProperty({ example: 'RC-7KQ4-M2XD' }) reference!: string;
  @ApiProperty({ enum: CASE_STATUSES }) status!: CaseStatus;
  @ApiProperty({ example: 'confirm_mailbox', description: 'What the requester should do next' })
  nextStep!: NextStep;
  @ApiProperty({ enum: VERIFICATION_METHODS }) method!: VerificationMethod;
  @ApiProperty({ enum: CASE_LANGUAGES, description: 'The language of every mail about the case' })
  language!: CaseLanguage;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'When the appointment takes effect' })
  appointAt!: string | null;
  @ApiProperty({ type: RequesterAllowancesDto }) allowances!: RequesterAllowancesDto;
  @ApiPropertyOptional({ type: LatestDocumentDto, nullable: true }) latestDocument!: LatestDocumentDto | null;
  @ApiProperty({ type: SubmittedDetailsDto }) submitted!: SubmittedDetailsDto;
  @ApiProperty({ type: [RequesterEventDto] }) events!: RequesterEventDto[];
}
