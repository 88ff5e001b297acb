/**
 * Prometheus counters and a latency histogram. Labels are route templates,
 * statuses, verdicts and categories only: never text, debtor ids or key secrets.
 * A snapshot is plain data so the cluster primary can add the workers' up.
 */

const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

export interface MetricsSnapshot {
  /** name → serialised label set → value */
  counters: Record<string, Record<string, number>>;
  /** route → bucket counts (BUCKETS order, then +Inf), sum, count */
  latency: Record<string, { buckets: number[]; sum: number; count: number }>;
}

const HELP: Record<string, [string, string]> = {
  dunlint_http_requests_total: ['counter', 'HTTP requests by method, route and status.'],
  dunlint_checks_total: ['counter', 'Messages checked, by verdict and ruleset.'],
  dunlint_findings_total: ['counter', 'Findings by category and severity.'],
  dunlint_ledger_records_total: ['counter', 'Contacts recorded in the ledger, by source (check or contact).'],
  dunlint_rate_limited_total: ['counter', 'Requests refused by a per-key rate limit.'],
  dunlint_reloads_total: ['counter', 'Configuration reloads (SIGHUP), by result.'],
};

export class Metrics {
  private snap: MetricsSnapshot = { counters: {}, latency: {} };
  /** Label values → label text, per metric: every request increments the same few series. */
  private readonly keys = new Map<string, string>();

  inc(name: string, labels: Record<string, string>, by = 1): void {
    const series = (this.snap.counters[name] ??= {});
    let memo = name;
    for (const k in labels) memo += `\0${labels[k]}`;
    let key = this.keys.get(memo);
    if (key === undefined) this.keys.set(memo, (key = labelText(labels)));
    series[key] = (series[key] ?? 0) + by;
  }

  observe(route: string, seconds: number): void {
    const h = (this.snap.latency[route] ??= { buckets: new Array(BUCKETS.length + 1).fill(0), sum: 0, count: 0 });
    let i = 0;
    while (i < BUCKETS.length && seconds > BUCKETS[i]!) i++;
    h.buckets[i]!++;
    h.sum += seconds;
    h.count++;
  }

  snapshot(): MetricsSnapshot {
    return structuredClone(this.snap);
  }
}

export function mergeSnapshots(snaps: MetricsSnapshot[]): MetricsSnapshot {
  const out: MetricsSnapshot = { counters: {}, latency: {} };
  for (const s of snaps) {
    for (const [name, series] of Object.entries(s.counters)) {
      const into = (out.counters[name] ??= {});
      for (const [k, v] of Object.entries(series)) into[k] = (into[k] ?? 0) + v;
    }
    for (const [route, h] of Object.entries(s.latency)) {
      const into = (out.latency[route] ??= { buckets: new Array(BUCKETS.length + 1).fill(0), sum: 0, count: 0 });
      h.buckets.forEach((n, i) => (into.buckets[i]! += n));
      into.sum += h.sum;
      into.count += h.count;
    }
  }
  return out;
}

/** Prometheus text exposition format 0.0.4. */
export function renderPrometheus(s: MetricsSnapshot, gauges: Record<string, number> = {}): string {
  const lines: string[] = [];
  for (const [name, [type, help]] of Object.entries(HELP)) {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const [labels, v] of Object.entries(s.counters[name] ?? {})) lines.push(`${name}${labels} ${v}`);
  }
  lines.push('# HELP dunlint_http_request_duration_seconds Time from request to response, by route.', '# TYPE dunlint_http_request_duration_seconds histogram');
  for (const [route, h] of Object.entries(s.latency)) {
    let cum = 0;
    h.buckets.forEach((n, i) => {
      cum += n;
      const le = i < BUCKETS.length ? String(BUCKETS[i]) : '+Inf';
      lines.push(`dunlint_http_request_duration_seconds_bucket${labelText({ route, le })} ${cum}`);
    });
    lines.push(`dunlint_http_request_duration_seconds_sum${labelText({ route })} ${h.sum}`);
    lines.push(`dunlint_http_request_duration_seconds_count${labelText({ route })} ${h.count}`);
  }
  for (const [name, v] of Object.entries(gauges)) lines.push(`# TYPE ${name} gauge`, `${name} ${v}`);
  return `${lines.join('\n')}\n`;
}

function labelText(labels: Record<string, string>): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`);
  return parts.length ? `{${parts.join(',')}}` : '';
}
