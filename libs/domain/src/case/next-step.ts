import type { CaseStatus } from './case-status';

/** What the requester should do next, as the status endpoint reports it. */
export type NextStep =
  | 'confirm_mailbox'
  | 'enter_email_code'
  | 'upload_document'
  | 'wait_for_analysis'
  | 'wait_for_review'
  | 'wait_for_appointment'
  | 'none';

export function nextStepFor(status: CaseStatus): NextStep {
  switch (status) {
    case 'awaiting_confirmation':
      return 'confirm_mailbox';
    case 'awaiting_email_code':
      return 'enter_email_code';
    case 'awaiting_document':
      return 'upload_document';
    case 'analysing_document':
      return 'wait_for_analysis';
    case 'awaiting_review':
      return 'wait_for_review';
    case 'cooling_off':
    case 'appointing':
      return 'wait_for_appointment';
    case 'completed':
    case 'rejected':
    case 'expired':
    case 'cancelled':
      return 'none';
  }
}
