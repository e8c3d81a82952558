import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { KVK_NUMBER_PATTERN } from '@app/domain';
import { IsStrictEmail } from '../../http/is-strict-email';
import { compactKvkNumber, trim, trimOrOmit } from '../../http/transforms';

export class CreateOrganisationDto {
  @ApiProperty({ example: 'Acme Logistics B.V.', maxLength: 200 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'name is required' })
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: '87654321', description: 'Chamber of Commerce number (KvK-nummer), 8 digits' })
  @Transform(compactKvkNumber)
  @IsString({ message: 'kvkNumber must be exactly 8 digits' })
  @Matches(KVK_NUMBER_PATTERN, { message: 'kvkNumber must be exactly 8 digits' })
  kvkNumber!: string;

  @ApiPropertyOptional({ example: 'finance@acme.example' })
  @Transform(trimOrOmit)
  @IsOptional()
  @IsStrictEmail({ message: 'contactEmail must be an email address' })
  @MaxLength(254)
  contactEmail?: string;
}
