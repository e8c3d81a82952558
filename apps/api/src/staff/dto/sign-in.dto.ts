import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { MAX_STAFF_PASSWORD_LENGTH } from '@app/domain';
import { trim } from '../../http/transforms';

export class SignInDto {
  @ApiProperty({ example: 'agent@econnect.example' })
  @Transform(trim)
  // Not the strict rule of new addresses: an account made under an earlier rule can still sign in (an
  // address that is no account's fails the password check like any other).
  @IsEmail({ allow_utf8_local_part: true }, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;

  // Not trimmed: the password is exactly what was typed. The bound keeps hashing work predictable.
  @ApiProperty({ example: 'correct horse battery staple', format: 'password' })
  @IsString({ message: 'password is required' })
  @IsNotEmpty({ message: 'password is required' })
  @MaxLength(MAX_STAFF_PASSWORD_LENGTH)
  password!: string;
}
