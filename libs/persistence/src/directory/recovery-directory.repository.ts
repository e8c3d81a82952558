import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { KnownAddress, KnownAddressSource } from '@app/domain';
import { OrganisationEntity } from './organisation.entity';

/** What a recovery case reads of the directory: clues to its environment and the addresses known for it. */
@Injectable()
export class RecoveryDirectoryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Organisations with this KvK number, in every environment. */
  organisationsWithKvkNumber(kvkNumber: string): Promise<OrganisationEntity[]> {
    return this.dataSource.getRepository(OrganisationEntity).findBy({ kvkNumber });
  }

  /**
   * Environments whose id, reference or name (any case) is the text the requester typed: one row per kind
   * that matches, so that an environment counts under each (a weaker kind is then never taken as unique
   * while it points at two).
   */
  async environmentsNamed(text: string): Promise<{ id: string; kind: 'id' | 'reference' | 'name' }[]> {
    return this.dataSource.query<{ id: string; kind: 'id' | 'reference' | 'name' }[]>(
      `SELECT id, 'id' AS kind FROM environments WHERE id::text = lower($1)
       UNION ALL
       SELECT id, 'reference' FROM environments WHERE lower(reference) = lower($1)
       UNION ALL
       SELECT id, 'name' FROM environments WHERE lower(name) = lower($1)`,
      [text],
    );
  }

  /** Environments where this address belongs to a user who is or was an administrator. */
  async environmentsAdministeredBy(email: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ environment_id: string }[]>(
      `SELECT DISTINCT environment_id FROM users WHERE lower(email) = lower($1) AND role = 'administrator'`,
      [email],
    );
    return rows.map((row) => row.environment_id);
  }

  /**
   * The addresses known for an environment (SPEC 5.3): its contact address, its organisations' contact
   * addresses and the addresses of its users who are or were administrators (deactivated ones too), each
   * with where it is from and whether it is in use. Which of them may receive a code is the domain's rule
   * (`codeRecipients`); the cooling-off's notices go to all.
   */
  async knownAddresses(environmentId: string): Promise<KnownAddress[]> {
    const rows = await this.dataSource.query<
      { email: string; source: KnownAddressSource; active: boolean }[]
    >(
      `SELECT contact_email AS email, 'environment_contact' AS source, true AS active
         FROM environments WHERE id = $1
       UNION ALL
       SELECT contact_email, 'organisation_contact', true
         FROM organisations WHERE environment_id = $1 AND contact_email IS NOT NULL
       UNION ALL
       SELECT email, 'administrator', status = 'active'
         FROM users WHERE environment_id = $1 AND role = 'administrator'
       ORDER BY 1, 2`,
      [environmentId],
    );
    return rows.map(({ email, source, active }) => ({ email, source, active }));
  }

  /** Addresses of the environment's active users (notices of a coming appointment and of its completion). */
  async activeUserAddresses(environmentId: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ email: string }[]>(
      `SELECT email FROM users WHERE environment_id = $1 AND status = 'active' ORDER BY lower(email)`,
      [environmentId],
    );
    return rows.map((row) => row.email);
  }
}
