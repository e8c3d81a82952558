import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { EnvironmentMatchKind, UserStatus } from '@app/domain';
import {
  CaseEntity,
  EnvironmentEntity,
  OrganisationRepository,
  UserEntity,
  type OrganisationEntity,
} from '@app/persistence';
import { EnvironmentLinkActivities } from '../../apps/worker/src/activities/environment-link.activities';
import { newCase } from '../support/cases';
import { openTestDatabase } from '../support/database';
import { newEnvironment, type TestEnvironment } from '../support/directory';
import { startWorkerActivities, type WorkerActivitiesContext } from '../support/worker-activities';

// The workflow's first activity matches a case to an environment from what the requester typed: a KvK
// number, the environment field (an id, a reference or a name, in any letter case) and a former
// administrator's address, trusted in that order. A clue that points at two environments decides nothing.

interface MatchOutcome {
  environmentId: string | null;
  matchKind: EnvironmentMatchKind | null;
  matchedOrganisationIds: string[];
  events: { type: string; details: unknown }[];
}

let context: WorkerActivitiesContext;
let db: DataSource;

beforeAll(async () => {
  context = await startWorkerActivities();
  db = await openTestDatabase();
});

afterAll(async () => {
  await db.destroy();
  await context.close();
});

/** An environment with one organisation and an administrator of the given status (and a plain user). */
function environmentWithAdministrator(status: UserStatus = 'active'): Promise<TestEnvironment> {
  return newEnvironment(db, {
    organisations: 1,
    users: [{ role: 'administrator', status }, { role: 'user' }],
  });
}

function firstOf<T>(list: readonly T[], what: string): T {
  const [item] = list;
  if (item === undefined) throw new Error(`no ${what}`);
  return item;
}

const organisationOf = (environment: TestEnvironment): OrganisationEntity =>
  firstOf(environment.organisations, 'organisation');
const administratorOf = (environment: TestEnvironment): UserEntity =>
  firstOf(environment.users, 'administrator');

async function rename(environment: TestEnvironment, changes: { name?: string; reference?: string }) {
  await db.getRepository(EnvironmentEntity).update(environment.environment.id, changes);
}

/** Gives a user of `environment` the address `email` (as a second environment may have the same person). */
async function readdress(user: UserEntity, email: string): Promise<void> {
  await db.getRepository(UserEntity).update(user.id, { email });
}

/** An organisation in `environment` with the KvK number of `organisation` (another environment's). */
function sameKvkNumberIn(environment: TestEnvironment, organisation: OrganisationEntity) {
  return new OrganisationRepository(db).insert({
    environmentId: environment.environment.id,
    name: `Second ${organisation.name}`,
    kvkNumber: organisation.kvkNumber,
  });
}

/** Runs the matching on a new case with these clues (none by default) and reads what it recorded. */
async function match(clues: {
  kvkNumber?: string;
  environmentReference?: string;
  formerAdminEmail?: string;
}): Promise<MatchOutcome> {
  const kase = await newCase(db, {
    status: 'awaiting_confirmation',
    method: 'email',
    kvkNumber: null,
    environmentReference: null,
    formerAdminEmail: null,
    ...clues,
  });
  await context.activities.matchEnvironment({ caseId: kase.id });
  const row = await db.getRepository(CaseEntity).findOneByOrFail({ id: kase.id });
  const events = await db.query<{ type: string; details: unknown }[]>(
    `SELECT type, details FROM case_events
      WHERE case_id = $1 AND type IN ('environment_matched', 'environment_not_matched') ORDER BY id`,
    [kase.id],
  );
  return {
    environmentId: row.environmentId,
    matchKind: row.matchKind,
    matchedOrganisationIds: row.matchedOrganisationIds,
    events,
  };
}

function matched(
  environment: TestEnvironment,
  matchKind: EnvironmentMatchKind,
  matchedOrganisationIds: string[] = [],
): MatchOutcome {
  const environmentId = environment.environment.id;
  return {
    environmentId,
    matchKind,
    matchedOrganisationIds,
    events: [{ type: 'environment_matched', details: { environmentId, matchKind, matchedOrganisationIds } }],
  };
}

const NOT_MATCHED: MatchOutcome = {
  environmentId: null,
  matchKind: null,
  matchedOrganisationIds: [],
  events: [{ type: 'environment_not_matched', details: {} }],
};

const LETTER_CASES = [
  ['lower case', (text: string) => text.toLowerCase()],
  ['upper case', (text: string) => text.toUpperCase()],
] as const;

describe(`${EnvironmentLinkActivities.name}.matchEnvironment`, () => {
  describe('the KvK number', () => {
    it('matches the environment of the organisation with that number, and names the organisation', async () => {
      const environment = await environmentWithAdministrator();
      const organisation = organisationOf(environment);
      expect(await match({ kvkNumber: organisation.kvkNumber })).toEqual(
        matched(environment, 'kvk_number', [organisation.id]),
      );
    });

    it('decides nothing when organisations of two environments have it', async () => {
      const one = await environmentWithAdministrator();
      await sameKvkNumberIn(await environmentWithAdministrator(), organisationOf(one));
      expect(await match({ kvkNumber: organisationOf(one).kvkNumber })).toEqual(NOT_MATCHED);
    });

    it('in two environments leaves the choice to the next clue, with the organisation of the one chosen', async () => {
      const one = await environmentWithAdministrator();
      const other = await environmentWithAdministrator();
      const ofOther = await sameKvkNumberIn(other, organisationOf(one));
      expect(
        await match({
          kvkNumber: organisationOf(one).kvkNumber,
          formerAdminEmail: administratorOf(other).email,
        }),
      ).toEqual(matched(other, 'former_admin_email', [ofOther.id]));
    });
  });

  describe('the environment field', () => {
    it.each(LETTER_CASES)('matches the reference in %s', async (_case, letterCase) => {
      const environment = await environmentWithAdministrator();
      // Letters in both cases, so that either spelling differs from the stored one (a generated reference
      // may have digits only after its prefix).
      const stored = `Env-Mixed-${randomUUID().slice(0, 8)}`;
      await rename(environment, { reference: stored });
      const reference = letterCase(stored);
      expect(reference).not.toBe(stored);
      expect(await match({ environmentReference: reference })).toEqual(
        matched(environment, 'environment_reference'),
      );
    });

    it('matches the id, also in upper case', async () => {
      const environment = await environmentWithAdministrator();
      expect(await match({ environmentReference: environment.environment.id.toUpperCase() })).toEqual(
        matched(environment, 'environment_id'),
      );
    });

    it.each(LETTER_CASES)('matches the name in %s', async (_case, letterCase) => {
      const environment = await environmentWithAdministrator();
      const name = letterCase(environment.environment.name);
      expect(name).not.toBe(environment.environment.name);
      expect(await match({ environmentReference: name })).toEqual(matched(environment, 'environment_name'));
    });

    it('decides nothing when two environments have the name', async () => {
      const name = `Shared name ${randomUUID()}`;
      const [one, other] = await Promise.all([
        environmentWithAdministrator(),
        environmentWithAdministrator(),
      ]);
      await Promise.all([rename(one, { name }), rename(other, { name: name.toUpperCase() })]);
      expect(await match({ environmentReference: name })).toEqual(NOT_MATCHED);
    });

    it('decides nothing when two references differ only in letter case', async () => {
      const [one, other] = await Promise.all([
        environmentWithAdministrator(),
        environmentWithAdministrator(),
      ]);
      await rename(other, { reference: one.environment.reference.toLowerCase() });
      expect(await match({ environmentReference: one.environment.reference })).toEqual(NOT_MATCHED);
    });

    it('counts an environment under every kind its text matches, so a weaker kind is not thought unique', async () => {
      // The text is one environment's reference and name, and the reference (other letter case) of a second:
      // the references decide nothing, and neither do the names, which a third environment shares.
      const [one, other, third] = await Promise.all([
        environmentWithAdministrator(),
        environmentWithAdministrator(),
        environmentWithAdministrator(),
      ]);
      const text = one.environment.reference;
      await Promise.all([
        rename(one, { name: text }),
        rename(other, { reference: text.toLowerCase() }),
        rename(third, { name: text.toLowerCase() }),
      ]);
      expect(await match({ environmentReference: text })).toEqual(NOT_MATCHED);
    });

    it("with a name of two environments leaves the choice to a former administrator's address", async () => {
      const name = `Shared name ${randomUUID()}`;
      const [one, other] = await Promise.all([
        environmentWithAdministrator(),
        environmentWithAdministrator(),
      ]);
      await Promise.all([rename(one, { name }), rename(other, { name })]);
      expect(
        await match({ environmentReference: name, formerAdminEmail: administratorOf(other).email }),
      ).toEqual(matched(other, 'former_admin_email'));
    });
  });

  describe("a former administrator's address", () => {
    it.each(LETTER_CASES)("matches an administrator's address in %s", async (_case, letterCase) => {
      const environment = await environmentWithAdministrator();
      // Stored in mixed case, so that both spellings differ from it.
      const stored = `Former.Admin.${randomUUID().slice(0, 8)}@Env.Example`;
      await readdress(administratorOf(environment), stored);
      expect(letterCase(stored)).not.toBe(stored);
      expect(await match({ formerAdminEmail: letterCase(stored) })).toEqual(
        matched(environment, 'former_admin_email'),
      );
    });

    it('matches a deactivated administrator, the one an orphaned environment still knows', async () => {
      const environment = await environmentWithAdministrator('deactivated');
      expect(await match({ formerAdminEmail: administratorOf(environment).email.toUpperCase() })).toEqual(
        matched(environment, 'former_admin_email'),
      );
    });

    it('decides nothing when the address administers two environments', async () => {
      const [one, other] = await Promise.all([
        environmentWithAdministrator('deactivated'),
        environmentWithAdministrator(),
      ]);
      await readdress(administratorOf(other), administratorOf(one).email.toUpperCase());
      expect(await match({ formerAdminEmail: administratorOf(one).email })).toEqual(NOT_MATCHED);
    });

    it('matches nothing when it is a plain user of the environment', async () => {
      const environment = await environmentWithAdministrator();
      const user = firstOf(environment.users.slice(1), 'plain user');
      expect(user.role).toBe('user');
      expect(await match({ formerAdminEmail: user.email })).toEqual(NOT_MATCHED);
    });

    it("matches nothing when it is the environment's contact address", async () => {
      const environment = await environmentWithAdministrator();
      expect(await match({ formerAdminEmail: environment.environment.contactEmail })).toEqual(NOT_MATCHED);
    });
  });

  describe('clues that disagree follow the order of trust', () => {
    it("a KvK number over the environment field and a former administrator's address", async () => {
      const [byKvk, byReference, byAddress] = await Promise.all([
        environmentWithAdministrator(),
        environmentWithAdministrator(),
        environmentWithAdministrator(),
      ]);
      expect(
        await match({
          kvkNumber: organisationOf(byKvk).kvkNumber,
          environmentReference: byReference.environment.reference,
          formerAdminEmail: administratorOf(byAddress).email,
        }),
      ).toEqual(matched(byKvk, 'kvk_number', [organisationOf(byKvk).id]));
    });

    it("an environment's id over another's reference", async () => {
      const [byId, byReference] = await Promise.all([
        environmentWithAdministrator(),
        environmentWithAdministrator(),
      ]);
      await rename(byReference, { reference: byId.environment.id });
      expect(await match({ environmentReference: byId.environment.id })).toEqual(
        matched(byId, 'environment_id'),
      );
    });

    it("an environment's reference over another's name", async () => {
      const [byReference, byName] = await Promise.all([
        environmentWithAdministrator(),
        environmentWithAdministrator(),
      ]);
      await rename(byName, { name: byReference.environment.reference });
      expect(await match({ environmentReference: byReference.environment.reference })).toEqual(
        matched(byReference, 'environment_reference'),
      );
    });

    it("a name over a former administrator's address", async () => {
      const [byName, byAddress] = await Promise.all([
        environmentWithAdministrator(),
        environmentWithAdministrator(),
      ]);
      expect(
        await match({
          environmentReference: byName.environment.name,
          formerAdminEmail: administratorOf(byAddress).email,
        }),
      ).toEqual(matched(byName, 'environment_name'));
    });
  });

  it('records that nothing matched when no clue points anywhere', async () => {
    expect(
      await match({
        environmentReference: `ENV-NONE-${randomUUID()}`,
        formerAdminEmail: `nobody.${randomUUID()}@example.com`,
      }),
    ).toEqual(NOT_MATCHED);
  });
});
