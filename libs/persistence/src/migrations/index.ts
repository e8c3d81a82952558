import { Initial1764470000000 } from './1764470000000-Initial';
import { Directory1764480000000 } from './1764480000000-Directory';
import { RecoveryCases1764490000000 } from './1764490000000-RecoveryCases';

// Listed explicitly (no glob) so that the webpack-built processes carry them too. Append, never reorder.
export const MIGRATIONS = [Initial1764470000000, Directory1764480000000, RecoveryCases1764490000000];
