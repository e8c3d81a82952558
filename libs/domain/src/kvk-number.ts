/** A Chamber of Commerce number (KvK-nummer): exactly eight digits. */
export const KVK_NUMBER_PATTERN = /^\d{8}$/;
