import { proxyActivities } from '@temporalio/workflow';
import type { DirectoryActivities } from './activities.contract';
import type { InvitationWorkflowInput } from './invitation.messages';

const activities = proxyActivities<DirectoryActivities>({
  startToCloseTimeout: '1 minute',
  // A mail server that is down delays the invitation; it is never lost.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** Mails an invited user their invitation, outside the request that invited them. */
export async function invitationWorkflow(input: InvitationWorkflowInput): Promise<void> {
  await activities.sendInvitation(input);
}
