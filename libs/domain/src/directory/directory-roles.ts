/** A user's role in their environment: administrators manage users, organisations and the subscription. */
export const ENVIRONMENT_ROLES = ['administrator', 'user'] as const;
export type EnvironmentRole = (typeof ENVIRONMENT_ROLES)[number];

/** A user's role in one organisation: its administrators manage that organisation's members only. */
export const ORGANISATION_ROLES = ['administrator', 'member'] as const;
export type OrganisationRole = (typeof ORGANISATION_ROLES)[number];

/** `invited` until their first sign-in, `active` after it, `deactivated` when an administrator says so. */
export const USER_STATUSES = ['invited', 'active', 'deactivated'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** The statuses an administrator may set; `invited` is where a user starts, never where one is put back. */
export const ASSIGNABLE_USER_STATUSES = ['active', 'deactivated'] as const satisfies readonly UserStatus[];
export type AssignableUserStatus = (typeof ASSIGNABLE_USER_STATUSES)[number];

/** The subscriptions an environment can have. */
export const SUBSCRIPTION_PLANS = ['basic', 'professional', 'enterprise'] as const;
export type SubscriptionPlan = (typeof SUBSCRIPTION_PLANS)[number];
