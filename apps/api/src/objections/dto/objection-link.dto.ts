import { ApiProperty } from '@nestjs/swagger';
import { CASE_LANGUAGES, type CaseLanguage } from '@app/domain';

/** What the cooling-off notice already told its reader: who asked, for which environment, until when. */
export class ObjectionLinkDto {
  @ApiProperty({ example: 'Anna de Vries' }) requesterName!: string;
  @ApiProperty({ example: 'anna@acme.example' }) requesterEmail!: string;
  @ApiProperty({ example: 'Acme' }) environmentName!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'When the appointment takes effect unless someone objects; null while the notices are still going out (it is set a whole waiting time after the last one)',
  })
  appointAt!: string | null;
  @ApiProperty({ enum: CASE_LANGUAGES, description: 'The language of the notice' }) language!: CaseLanguage;
}
