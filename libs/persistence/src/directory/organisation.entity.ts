import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  type Relation,
} from 'typeorm';
import { EnvironmentEntity } from './environment.entity';

/** A company in an environment, known by its Chamber of Commerce number. */
@Entity({ name: 'organisations' })
@Index('ux_organisations_environment_kvk_number', ['environmentId', 'kvkNumber'], { unique: true })
// Recovery matching looks an organisation up by KvK number across environments.
@Index('ix_organisations_kvk_number', ['kvkNumber'])
// Target of the memberships' composite foreign key: a member must be of the same environment.
@Unique('uq_organisations_id_environment', ['id', 'environmentId'])
@Check('ck_organisations_kvk_number', `kvk_number ~ '^[0-9]{8}$'`)
export class OrganisationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_organisations' })
  id!: string;

  @Column({ name: 'environment_id', type: 'uuid' })
  environmentId!: string;

  @ManyToOne(() => EnvironmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'environment_id', foreignKeyConstraintName: 'fk_organisations_environment' })
  environment?: Relation<EnvironmentEntity>;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ name: 'kvk_number', type: 'char', length: 8 })
  kvkNumber!: string;

  @Column({ name: 'contact_email', type: 'varchar', length: 254, nullable: true })
  contactEmail!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
