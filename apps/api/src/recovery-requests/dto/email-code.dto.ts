import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Matches } from 'class-validator';

export class EmailCodeDto {
  @ApiProperty({ example: '04718293', description: 'The 8-digit code from the mail; spaces are ignored' })
  // People copy codes with spaces or dashes in them: those are not part of the code.
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.replace(/[\s-]/g, '') : value,
  )
  @IsString()
  @Matches(/^\d{8}$/, { message: 'code must be the 8 digits from the mail' })
  code!: string;
}
