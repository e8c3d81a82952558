import { Module } from '@nestjs/common';
import { MailDeliveries } from './mail-deliveries';
import { Mailer } from './mailer';

// MailDeliveries uses MailDeliveryRepository from PersistenceModule, which is global: import it beside this.
@Module({ providers: [Mailer, MailDeliveries], exports: [Mailer, MailDeliveries] })
export class MailModule {}
