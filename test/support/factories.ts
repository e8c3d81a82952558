import { randomUUID } from 'node:crypto';

let sequence = 0;

/** A unique, well-formed intake body; every test gets its own requester address. */
export function newRecoveryRequest(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  sequence += 1;
  const unique = `${sequence}-${randomUUID().slice(0, 8)}`;
  return {
    requesterName: 'Anna de Vries',
    requesterEmail: `anna.${unique}@acme.example`,
    companyName: 'Acme B.V.',
    kvkNumber: '12345678',
    method: 'chamber_extract',
    ...overrides,
  };
}
