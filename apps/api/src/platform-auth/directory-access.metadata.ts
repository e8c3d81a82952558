/** Metadata key of the access level `@DirectoryAccess` gives a route. */
export const DIRECTORY_ACCESS = 'access:directory';
