// One wording per kind of thing that is not there; used by the guard, the id pipes and the services.
export const NO_SUCH_ENVIRONMENT = 'There is no environment with this id among yours.';
export const NO_SUCH_USER = 'There is no user with this id in this environment.';
export const NO_SUCH_ORGANISATION = 'There is no organisation with this id in this environment.';
