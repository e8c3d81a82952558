import { Global, Module } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { SecretBox } from './secret-box';
import { SecretHasher } from './secret-hasher';

@Global()
@Module({
  providers: [
    {
      provide: SecretHasher,
      inject: [AppConfig],
      useFactory: (c: AppConfig) => new SecretHasher(c.secrets.secretKey),
    },
    {
      provide: SecretBox,
      inject: [AppConfig],
      useFactory: (c: AppConfig) => new SecretBox(c.secrets.secretKey),
    },
  ],
  exports: [SecretHasher, SecretBox],
})
export class SecretsModule {}
