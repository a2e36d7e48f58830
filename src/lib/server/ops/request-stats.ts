/**
 * Request counts and latencies, counted as cheaply as a Map lookup and a few additions per request,
 * and handed to prom-client only when a scrape asks. prom-client's own Counter and Histogram validate
 * and hash the label set on every call, children included (about 0.6 µs a request measured with
 * npm run bench:metrics); this keeps the per-request part well under that. The objects
 * below are what a prom-client registry asks of a metric (`name`, `get()`), so the exposition
 * format and the cluster sum stay prom-client's.
 */
/** One series as prom-client's registry serializes it (`metricName` for a histogram's _bucket, _sum, _count). */
interface Series {
	labels: Record<string, string | number>;
	value: number;
	metricName?: string;
}

/** What a registry's `metrics()` and `getMetricsAsJSON()` (the cluster sum) read from a metric's `get()`. */
export interface Exposed {
	name: string;
	help: string;
	type: 'counter' | 'histogram';
	aggregator: 'sum';
	values: Series[];
}

interface Timing {
	route: string;
	method: string;
	/** Observations at or below each bound, not yet cumulative; the last slot is +Inf. */
	buckets: Float64Array;
	sum: number;
	count: number;
}

interface Count {
	route: string;
	method: string;
	status: string;
	n: number;
}

interface RouteStats {
	timing: Timing;
	byStatus: Map<number, Count>;
}

export class RequestStats {
	/** route → method → figures: nested maps, so counting a request builds no string. */
	private readonly routes = new Map<string, Map<string, RouteStats>>();

	constructor(private readonly bounds: readonly number[]) {}

	observe(route: string, method: string, status: number, seconds: number): void {
		let methods = this.routes.get(route);
		if (!methods) this.routes.set(route, (methods = new Map()));
		let stats = methods.get(method);
		if (!stats) methods.set(method, (stats = { timing: { route, method, buckets: new Float64Array(this.bounds.length + 1), sum: 0, count: 0 }, byStatus: new Map() }));
		const timing = stats.timing;
		let slot = 0;
		while (slot < this.bounds.length && seconds > this.bounds[slot]!) slot++;
		timing.buckets[slot]!++;
		timing.sum += seconds;
		timing.count++;
		const count = stats.byStatus.get(status);
		if (count) count.n++;
		else stats.byStatus.set(status, { route, method, status: String(status), n: 1 });
	}

	private *all(): Generator<RouteStats> {
		for (const methods of this.routes.values()) yield* methods.values();
	}

	/** A counter of requests by route, method and status, as a prom-client registry reads one. */
	counter(name: string, help: string) {
		return {
			name,
			get: async (): Promise<Exposed> => ({
				name,
				help,
				type: 'counter',
				aggregator: 'sum',
				values: [...this.all()].flatMap((r) => [...r.byStatus.values()]).map((c) => ({ labels: { route: c.route, method: c.method, status: c.status }, value: c.n }))
			})
		};
	}

	/** A histogram of latencies by route and method, in the bucket, sum and count series Prometheus expects. */
	histogram(name: string, help: string) {
		return {
			name,
			get: async (): Promise<Exposed> => {
				const values: Series[] = [];
				for (const { timing: t } of this.all()) {
					const labels = { route: t.route, method: t.method };
					let cumulative = 0;
					this.bounds.forEach((bound, i) => {
						cumulative += t.buckets[i]!;
						values.push({ metricName: `${name}_bucket`, labels: { ...labels, le: bound }, value: cumulative });
					});
					values.push({ metricName: `${name}_bucket`, labels: { ...labels, le: '+Inf' }, value: t.count });
					values.push({ metricName: `${name}_sum`, labels, value: t.sum });
					values.push({ metricName: `${name}_count`, labels, value: t.count });
				}
				return { name, help, type: 'histogram', aggregator: 'sum', values };
			}
		};
	}
}
