import {
  CANCELLABLE_STATUSES,
  CASE_STATUSES,
  canTransition,
  isCaseStatus,
  isFinalStatus,
} from './case-status';
import { nextStepFor } from './next-step';

describe('case states', () => {
  it('follows the main path of SPEC section 5', () => {
    const path = [
      'awaiting_confirmation',
      'awaiting_document',
      'analysing_document',
      'awaiting_review',
      'cooling_off',
      'appointing',
      'completed',
    ] as const;
    for (let i = 1; i < path.length; i++) expect(canTransition(path[i - 1]!, path[i]!)).toBe(true);
    expect(canTransition('awaiting_confirmation', 'awaiting_email_code')).toBe(true);
    expect(canTransition('awaiting_email_code', 'awaiting_review')).toBe(true);
  });

  it('lets no case skip verification or review', () => {
    expect(canTransition('awaiting_confirmation', 'awaiting_review')).toBe(false);
    expect(canTransition('awaiting_email_code', 'appointing')).toBe(false);
    expect(canTransition('analysing_document', 'cooling_off')).toBe(false);
  });

  it('ends for good in completed, rejected, expired and cancelled', () => {
    for (const end of ['completed', 'rejected', 'expired', 'cancelled'] as const) {
      expect(isFinalStatus(end)).toBe(true);
      for (const to of CASE_STATUSES) expect(canTransition(end, to)).toBe(false);
    }
    expect(isFinalStatus('awaiting_review')).toBe(false);
  });

  it('lists the open states before the appointment as cancellable', () => {
    expect(CANCELLABLE_STATUSES).toEqual([
      'awaiting_confirmation',
      'awaiting_email_code',
      'awaiting_document',
      'analysing_document',
      'awaiting_review',
      'cooling_off',
    ]);
  });

  it('cannot be cancelled once the appointment runs', () => {
    expect(canTransition('cooling_off', 'cancelled')).toBe(true);
    expect(canTransition('appointing', 'cancelled')).toBe(false);
  });

  it('recognises its own names only', () => {
    expect(isCaseStatus('awaiting_review')).toBe(true);
    expect(isCaseStatus('lost')).toBe(false);
  });

  it('tells the requester a next step for every state', () => {
    expect(nextStepFor('awaiting_confirmation')).toBe('confirm_mailbox');
    expect(nextStepFor('awaiting_document')).toBe('upload_document');
    expect(CASE_STATUSES.filter(isFinalStatus).map(nextStepFor)).toEqual(['none', 'none', 'none', 'none']);
  });
});
