import { isUUID } from 'class-validator';
import { UserRepository } from '@app/persistence';
import { issuePlatformToken } from '@app/secrets';
import { CommandFailure, UsageError, type CliCommand } from '../cli-command';
import { withDataSource } from '../with-data-source';

const DEFAULT_HOURS = 12;

/**
 * `USER_ID [--hours N]`, checked before anything is looked up; `maxHours` is the longest a token may live
 * (PLATFORM_TOKEN_MAX_LIFETIME), which the api would refuse beyond.
 */
export function parsePlatformTokenArguments(
  args: readonly string[],
  maxHours: number,
): { userId: string; hours: number } {
  const [userId, flag, value, ...rest] = args;
  if (userId === undefined || !isUUID(userId, 'loose')) {
    throw new UsageError('platform:token needs the id of a user: platform:token USER_ID [--hours N]');
  }
  const hours = flag === undefined ? Math.min(DEFAULT_HOURS, maxHours) : Number(value);
  if ((flag !== undefined && flag !== '--hours') || !(hours > 0 && hours <= maxHours) || rest.length > 0) {
    throw new UsageError(
      `--hours takes a number of hours, at most ${String(maxHours)} (PLATFORM_TOKEN_MAX_LIFETIME)`,
    );
  }
  return { userId, hours };
}

/** Prints a platform token for a user, so that a developer can try the environment routes. */
export const platformTokenCommand: CliCommand = {
  name: 'platform:token',
  arguments: 'USER_ID [--hours N]',
  summary: 'print a platform access token for a user (development and tests only)',
  async run(args, config) {
    if (config.isProduction) {
      throw new CommandFailure(
        "platform:token is for development and tests; in production only the platform's identity provider issues tokens.",
      );
    }
    const { userId, hours } = parsePlatformTokenArguments(
      args,
      config.platformTokens.maxLifetimeMs / 3_600_000,
    );

    const user = await withDataSource(config.databaseUrl, (dataSource) =>
      new UserRepository(dataSource).findById(userId),
    );
    if (!user) throw new CommandFailure(`There is no user with id ${userId}.`);
    // The token alone on standard output, so that `$(npm run -s cli -- platform:token ...)` works.
    console.error(`Token for ${user.name} (${user.role}, ${user.status}), valid for ${hours} hours:`);
    const issuer = { secret: config.secrets.platformJwtSecret, ...config.platformTokens };
    console.log(issuePlatformToken(issuer, user.id, Math.floor(hours * 3600)));
  },
};
