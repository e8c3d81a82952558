/** class-transformer helpers shared by the DTOs. */
export const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

/** Optional fields from a form arrive as ""; that means "not given". */
export const trimOrOmit = ({ value }: { value: unknown }): unknown => {
  const trimmed = trim({ value });
  return trimmed === '' ? undefined : trimmed;
};

/** KvK numbers are often written with spaces or dots (`1234 5678`, `12.34.56.78`). */
export const compactKvkNumber = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.replace(/[\s.]/g, '') || undefined : value;
