/** What was measured of one endpoint (method and route template, `POST /api/cases/:reference/decision`). */
export interface EndpointRecord {
  endpoint: string;
  /** The latency of every 2xx answer, in milliseconds, in order of arrival. */
  latenciesMs: number[];
  /** How many answers of each status; `0` counts requests that got no answer (the api was down). */
  statuses: Record<string, number>;
  /** How many requests were sent again after a busy 409, a 503 or no answer. */
  retries: number;
}

/** Each answer's status and latency, by endpoint. */
export class EndpointMeasurements {
  private records = new Map<string, EndpointRecord>();

  /** An answer of `status` after `ms`; status 0 when there was none. */
  answer(endpoint: string, status: number, ms: number): void {
    const record = this.recordOf(endpoint);
    record.statuses[status] = (record.statuses[status] ?? 0) + 1;
    if (status >= 200 && status < 300) record.latenciesMs.push(ms);
  }

  retry(endpoint: string): void {
    this.recordOf(endpoint).retries += 1;
  }

  /** Starts again from nothing (after a warm-up, say). */
  reset(): void {
    this.records = new Map();
  }

  /** Every endpoint's record so far, by endpoint. */
  snapshot(): EndpointRecord[] {
    return [...this.records.values()]
      .map((record) => ({
        ...record,
        latenciesMs: [...record.latenciesMs],
        statuses: { ...record.statuses },
      }))
      .sort((a, b) => a.endpoint.localeCompare(b.endpoint));
  }

  private recordOf(endpoint: string): EndpointRecord {
    let record = this.records.get(endpoint);
    if (!record) {
      record = { endpoint, latenciesMs: [], statuses: {}, retries: 0 };
      this.records.set(endpoint, record);
    }
    return record;
  }
}
