/** How the requester proves who they are: a code mailed to an address known for the environment, or a KvK extract. */
export const VERIFICATION_METHODS = ['email', 'chamber_extract'] as const;

export type VerificationMethod = (typeof VERIFICATION_METHODS)[number];
