import { Module } from '@nestjs/common';
import { CaseCommandGateway } from './case-command.gateway';
import { InvitationWorkflowClient } from './invitation-workflow.client';
import { RecoveryWorkflowClient } from './recovery-workflow.client';
import { temporalClientProvider, temporalConnectionProvider } from './temporal-client.provider';

@Module({
  providers: [
    temporalConnectionProvider,
    temporalClientProvider,
    RecoveryWorkflowClient,
    InvitationWorkflowClient,
    CaseCommandGateway,
  ],
  exports: [RecoveryWorkflowClient, InvitationWorkflowClient, CaseCommandGateway],
})
export class TemporalModule {}
