import type { CaseFigures, EnvironmentAtRisk } from '@app/persistence';
import { toEnvironmentDto } from '../environments/directory.mapper';
import type { DashboardDto } from './dto/dashboard.dto';
import type { EnvironmentsAtRiskDto } from './dto/environments-at-risk.dto';

export function toDashboardDto(figures: CaseFigures): DashboardDto {
  const { oldestOpen } = figures;
  return {
    openByStatus: figures.openByStatus,
    // Said on its own: unlike the other states, nothing moves these cases on until someone acts.
    needsAttention: figures.openByStatus.needs_attention ?? 0,
    overdue: figures.overdue,
    oldestOpen: oldestOpen && { ...oldestOpen, createdAt: oldestOpen.createdAt.toISOString() },
    medianCompletionMs: figures.medianCompletionMs,
    perWeek: figures.perWeek,
  };
}

export function toEnvironmentsAtRiskDto(atRisk: readonly EnvironmentAtRisk[]): EnvironmentsAtRiskDto {
  return {
    environments: atRisk.map(({ environment, activeAdministrators }) =>
      toEnvironmentDto(environment, activeAdministrators),
    ),
  };
}
