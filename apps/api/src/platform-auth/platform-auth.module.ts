import { Module } from '@nestjs/common';
import { PlatformTokenVerifier } from './platform-token.verifier';
import { PlatformUserGuard } from './platform-user.guard';

@Module({
  providers: [PlatformTokenVerifier, PlatformUserGuard],
  exports: [PlatformTokenVerifier, PlatformUserGuard],
})
export class PlatformAuthModule {}
