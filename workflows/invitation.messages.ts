// The invitation workflow's input and id, shared with the API. Ids only: names and addresses stay in PostgreSQL.

export interface InvitationWorkflowInput {
  userId: string;
  invitedByUserId: string;
}

export const INVITATION_WORKFLOW_TYPE = 'invitationWorkflow';

/** One invitation mail per invited user: a second start finds the first. */
export function invitationWorkflowId(userId: string): string {
  return `user-invitation-${userId}`;
}
