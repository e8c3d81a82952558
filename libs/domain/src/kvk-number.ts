/** A Chamber of Commerce number (KvK-nummer): exactly eight digits. */
export const KVK_NUMBER_PATTERN = /^\d{8}$/;

export function isKvkNumber(value: string): boolean {
  return KVK_NUMBER_PATTERN.test(value);
}
