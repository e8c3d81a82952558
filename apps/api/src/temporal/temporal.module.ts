import { Module } from '@nestjs/common';
import { InvitationWorkflowClient } from './invitation-workflow.client';
import { RecoveryWorkflowClient } from './recovery-workflow.client';
import { temporalClientProvider, temporalConnectionProvider } from './temporal-client.provider';

@Module({
  providers: [
    temporalConnectionProvider,
    temporalClientProvider,
    RecoveryWorkflowClient,
    InvitationWorkflowClient,
  ],
  exports: [RecoveryWorkflowClient, InvitationWorkflowClient],
})
export class TemporalModule {}
