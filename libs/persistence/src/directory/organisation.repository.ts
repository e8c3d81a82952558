import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { OrganisationEntity } from './organisation.entity';

export type NewOrganisation = Pick<OrganisationEntity, 'environmentId' | 'name' | 'kvkNumber'> & {
  id?: string;
  contactEmail?: string | null;
};

@Injectable()
export class OrganisationRepository {
  constructor(private readonly dataSource: DataSource) {}

  findInEnvironment(
    environmentId: string,
    id: string,
    manager?: EntityManager,
  ): Promise<OrganisationEntity | null> {
    return this.repository(manager).findOneBy({ environmentId, id });
  }

  listForEnvironment(environmentId: string, manager?: EntityManager): Promise<OrganisationEntity[]> {
    return this.repository(manager).find({ where: { environmentId }, order: { name: 'ASC', id: 'ASC' } });
  }

  async insert(values: NewOrganisation, manager?: EntityManager): Promise<OrganisationEntity> {
    const repository = this.repository(manager);
    return repository.save(repository.create({ contactEmail: null, ...values }));
  }

  private repository(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(OrganisationEntity);
  }
}
