import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { bytea } from '../column-helpers';
import { StaffAccountEntity } from './staff-account.entity';

/** A staff sign-in. Only the keyed hash of its token is stored: a copy of the table opens no session. */
@Entity({ name: 'staff_sessions' })
@Index('ix_staff_sessions_staff_id', ['staffId'])
export class StaffSessionEntity {
  /** SecretHasher, purpose `staff_session`. */
  @PrimaryColumn({
    name: 'token_hash',
    type: 'bytea',
    transformer: bytea,
    primaryKeyConstraintName: 'pk_staff_sessions',
  })
  tokenHash!: Buffer;

  @Column({ name: 'staff_id', type: 'uuid' })
  staffId!: string;

  @ManyToOne(() => StaffAccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'staff_id', foreignKeyConstraintName: 'fk_staff_sessions_staff' })
  staff?: Relation<StaffAccountEntity>;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  /** Updated at most once a minute: when the session was last used. */
  @Column({ name: 'last_seen_at', type: 'timestamptz', nullable: true })
  lastSeenAt!: Date | null;
}
