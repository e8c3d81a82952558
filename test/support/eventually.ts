/**
 * Retries an assertion until it passes or the deadline is reached (then throws its last failure).
 * For effects that land asynchronously, such as a workflow's database write after its mail.
 */
export async function eventually<T>(
  assertion: () => Promise<T> | T,
  timeoutMs = 10_000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
