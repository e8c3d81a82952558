import { Module } from '@nestjs/common';
import { TemporalModule } from '../temporal/temporal.module';
import { ObjectionsController } from './objections.controller';
import { ObjectionsService } from './objections.service';

@Module({
  imports: [TemporalModule],
  controllers: [ObjectionsController],
  providers: [ObjectionsService],
})
export class ObjectionsModule {}
