/** What a requester may ask for during one case: fixed at intake and stored on the case for its life. */
export interface RequesterLimits {
  /** Uploads a requester may make (an agent's request for a new document allows one more). */
  maxUploads: number;
  /** New codes a requester may ask for after the first. */
  maxCodeResends: number;
}

/** What the requester has used so far. */
export interface RequesterUse {
  /** Codes sent, the first one included. */
  codesSent: number;
  uploads: number;
  /** Uploads made when an agent last asked for a new document; null when no agent asked. */
  uploadsWhenDocumentRequested: number | null;
}

export interface RequesterAllowances {
  codeResendsLeft: number;
  uploadsLeft: number;
}

/**
 * What the requester may still ask for: counted the same way by the workflow (which has the last word)
 * and by the api (which shows it), from the limits stored on the case.
 */
export function requesterAllowances(limits: RequesterLimits, use: RequesterUse): RequesterAllowances {
  // The agent asked for another document: the requester may upload it even after the last try.
  const uploadLimit =
    use.uploadsWhenDocumentRequested === null
      ? limits.maxUploads
      : Math.max(limits.maxUploads, use.uploadsWhenDocumentRequested + 1);
  return {
    codeResendsLeft: Math.max(0, limits.maxCodeResends - Math.max(0, use.codesSent - 1)),
    uploadsLeft: Math.max(0, uploadLimit - use.uploads),
  };
}
