import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { SUBSCRIPTION_PLANS, type SubscriptionPlan } from '@app/domain';
import { sqlList } from '../column-helpers';

/** A customer's eConnect environment: the users and organisations a recovery appoints administrators in. */
@Entity({ name: 'environments' })
@Check('ck_environments_plan', `plan IN (${sqlList(SUBSCRIPTION_PLANS)})`)
export class EnvironmentEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_environments' })
  id!: string;

  /** The customer-facing identifier, for example `ENV-1001`. */
  @Index('ux_environments_reference', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  reference!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** The registered contact address: one of the addresses a verification code may go to. */
  @Column({ name: 'contact_email', type: 'varchar', length: 254 })
  contactEmail!: string;

  @Column({ type: 'varchar', length: 32 })
  plan!: SubscriptionPlan;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
