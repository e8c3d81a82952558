import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One sign-in attempt that failed (or is being checked) for an address, whether or not an account has
 * it: the lock-out then says nothing about which addresses exist. Rows older than the window are deleted.
 */
@Entity({ name: 'staff_sign_in_failures' })
@Index('ix_staff_sign_in_failures_email_key_attempted_at', ['emailKey', 'attemptedAt'])
@Index('ix_staff_sign_in_failures_attempted_at', ['attemptedAt'])
@Check('ck_staff_sign_in_failures_email_key', 'email_key = lower(email_key)')
export class StaffSignInFailureEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'pk_staff_sign_in_failures',
  })
  id!: string;

  /** The address as typed, lower-cased by PostgreSQL (text: lower() may lengthen a rare letter). */
  @Column({ name: 'email_key', type: 'text' })
  emailKey!: string;

  @Column({ name: 'attempted_at', type: 'timestamptz', default: () => 'now()' })
  attemptedAt!: Date;
}
