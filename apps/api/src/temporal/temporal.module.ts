import { Module } from '@nestjs/common';
import { RecoveryWorkflowClient } from './recovery-workflow.client';
import { temporalClientProvider, temporalConnectionProvider } from './temporal-client.provider';

@Module({
  providers: [temporalConnectionProvider, temporalClientProvider, RecoveryWorkflowClient],
  exports: [RecoveryWorkflowClient],
})
export class TemporalModule {}
