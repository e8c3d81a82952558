import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CASE_STATUSES, VERIFICATION_METHODS, type CaseStatus, type NextStep } from '@app/domain';

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
  @ApiProperty({ example: 'case_submitted' }) type!: string;
  @ApiProperty() at!: string;
}

export class RecoveryRequestStatusDto {
  @ApiProperty({ example: 'RC-7KQ4-M2XD' }) reference!: string;
  @ApiProperty({ enum: CASE_STATUSES }) status!: CaseStatus;
  @ApiProperty({ example: 'confirm_mailbox', description: 'What the requester should do next' })
  nextStep!: NextStep;
  @ApiProperty({ enum: VERIFICATION_METHODS }) method!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ type: SubmittedDetailsDto }) submitted!: SubmittedDetailsDto;
  @ApiProperty({ type: [RequesterEventDto] }) events!: RequesterEventDto[];
}
