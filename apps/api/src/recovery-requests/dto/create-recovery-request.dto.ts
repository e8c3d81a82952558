import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import {
  CASE_LANGUAGES,
  KVK_NUMBER_PATTERN,
  VERIFICATION_METHODS,
  type CaseLanguage,
  type VerificationMethod,
} from '@app/domain';
import { IsStrictEmail } from '../../http/is-strict-email';
import { compactKvkNumber, trim, trimOrOmit } from '../../http/transforms';

export class CreateRecoveryRequestDto {
  @ApiProperty({ example: 'Anna de Vries', maxLength: 200 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'requesterName is required' })
  @MaxLength(200)
  requesterName!: string;

  @ApiProperty({ example: 'anna@acme.example', description: 'Will be the login of the new administrator' })
  @Transform(trim)
  @IsStrictEmail({ message: 'requesterEmail must be an email address' })
  @MaxLength(254)
  requesterEmail!: string;

  @ApiPropertyOptional({ example: '+31 20 123 4567' })
  @Transform(trimOrOmit)
  @IsOptional()
  @Matches(/^\+?[0-9 ()-]{6,25}$/, {
    message: 'requesterPhone must be a phone number such as +31 20 123 4567',
  })
  requesterPhone?: string;

  @ApiProperty({ example: 'Acme B.V.', maxLength: 200 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'companyName is required' })
  @MaxLength(200)
  companyName!: string;

  @ApiPropertyOptional({
    example: '12345678',
    description: 'Chamber of Commerce number (KvK-nummer), 8 digits',
  })
  @Transform(compactKvkNumber)
  @IsOptional()
  @Matches(KVK_NUMBER_PATTERN, { message: 'kvkNumber must be exactly 8 digits' })
  kvkNumber?: string;

  @ApiPropertyOptional({ example: 'ENV-1001', description: 'The environment name or id, if known' })
  @Transform(trimOrOmit)
  @IsOptional()
  @IsString()
  @MaxLength(200)
  environmentReference?: string;

  @ApiPropertyOptional({ example: 'jan@acme.example' })
  @Transform(trimOrOmit)
  @IsOptional()
  @IsStrictEmail({ message: 'formerAdminEmail must be an email address' })
  @MaxLength(254)
  formerAdminEmail?: string;

  @ApiProperty({ enum: VERIFICATION_METHODS, description: 'How the requester will prove who they are' })
  @IsIn(VERIFICATION_METHODS, { message: `method must be one of: ${VERIFICATION_METHODS.join(', ')}` })
  method!: VerificationMethod;

  @ApiPropertyOptional({ maxLength: 2000 })
  @Transform(trimOrOmit)
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  message?: string;

  @ApiPropertyOptional({
    enum: CASE_LANGUAGES,
    description:
      'The language of every mail about the case; when left out, taken from Accept-Language (else en)',
  })
  @IsOptional()
  @IsIn(CASE_LANGUAGES, { message: `language must be one of: ${CASE_LANGUAGES.join(', ')}` })
  language?: CaseLanguage;
}
