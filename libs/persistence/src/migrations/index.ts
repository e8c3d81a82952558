import { Initial1764470000000 } from './1764470000000-Initial';
import { Directory1764480000000 } from './1764480000000-Directory';
import { RecoveryCases1764490000000 } from './1764490000000-RecoveryCases';
import { Staff1764490100000 } from './1764490100000-Staff';
import { RateLimits1764490200000 } from './1764490200000-RateLimits';
import { CaseLanguage1764490300000 } from './1764490300000-CaseLanguage';
import { IntakeIdempotencyScope1764490400000 } from './1764490400000-IntakeIdempotencyScope';
import { CaseLimits1764490500000 } from './1764490500000-CaseLimits';
import { FindingsObject1764490600000 } from './1764490600000-FindingsObject';
import { TrailKept1764490700000 } from './1764490700000-TrailKept';
import { MailDeliveries1764490800000 } from './1764490800000-MailDeliveries';
import { NeedsAttention1764490900000 } from './1764490900000-NeedsAttention';
import { DocumentTaken1764491000000 } from './1764491000000-DocumentTaken';
import { DeliveryWithdrawn1764491100000 } from './1764491100000-DeliveryWithdrawn';

// Listed explicitly (no glob) so that the webpack-built processes carry them too. Append, never reorder.
export const MIGRATIONS = [
  Initial1764470000000,
  Directory1764480000000,
  RecoveryCases1764490000000,
  Staff1764490100000,
  RateLimits1764490200000,
  CaseLanguage1764490300000,
  IntakeIdempotencyScope1764490400000,
  CaseLimits1764490500000,
  FindingsObject1764490600000,
  TrailKept1764490700000,
  MailDeliveries1764490800000,
  NeedsAttention1764490900000,
  DocumentTaken1764491000000,
  DeliveryWithdrawn1764491100000,
];
