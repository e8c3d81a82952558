import { Injectable, Logger } from '@nestjs/common';
import { DomainError, type DirectoryActor, type SubscriptionPlan } from '@app/domain';
import { EnvironmentRepository, UserRepository } from '@app/persistence';
import { toEnvironmentDto } from './directory.mapper';
import type { EnvironmentDto } from './dto/directory-responses.dto';

/** An environment as its users see it, and its subscription. */
@Injectable()
export class EnvironmentsService {
  private readonly logger = new Logger(EnvironmentsService.name);

  constructor(
    private readonly environments: EnvironmentRepository,
    private readonly users: UserRepository,
  ) {}

  async get(actor: DirectoryActor): Promise<EnvironmentDto> {
    const [environment, activeAdministrators] = await Promise.all([
      this.environments.findById(actor.environmentId),
      this.users.countActiveAdministrators(actor.environmentId),
    ]);
    // The guard found the user in this environment a moment ago; it can only be gone if deleted since.
    if (!environment) throw new DomainError('not_found', 'This environment no longer exists.');
    return toEnvironmentDto(environment, activeAdministrators);
  }

  async changePlan(actor: DirectoryActor, plan: SubscriptionPlan): Promise<EnvironmentDto> {
    await this.environments.changePlan(actor.environmentId, plan);
    this.logger.log(
      { environmentId: actor.environmentId, plan, changedBy: actor.userId },
      'subscription changed',
    );
    return this.get(actor);
  }
}
