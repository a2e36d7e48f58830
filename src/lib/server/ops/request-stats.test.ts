import client from 'prom-client';
import { describe, expect, it } from 'vitest';
import { RequestStats } from './request-stats';

describe('RequestStats', () => {
	it('counts requests by route, method and status and times them in cumulative buckets, as Prometheus reads them', async () => {
		const stats = new RequestStats([0.01, 0.1]);
		stats.observe('/(public)/centers/[id]', 'GET', 200, 0.004);
		stats.observe('/(public)/centers/[id]', 'GET', 200, 0.05);
		stats.observe('/(public)/centers/[id]', 'GET', 304, 0.2);
		stats.observe('none', 'GET', 404, 0.001);
		const registry = new client.Registry();
		registry.registerMetric(stats.counter('t_requests_total', 'requests') as never);
		registry.registerMetric(stats.histogram('t_seconds', 'latency') as never);
		const text = await registry.metrics();
		expect(text).toContain('# TYPE t_requests_total counter');
		expect(text).toContain('t_requests_total{route="/(public)/centers/[id]",method="GET",status="200"} 2');
		expect(text).toContain('t_requests_total{route="/(public)/centers/[id]",method="GET",status="304"} 1');
		expect(text).toContain('t_requests_total{route="none",method="GET",status="404"} 1');
		expect(text).toContain('# TYPE t_seconds histogram');
		expect(text).toContain('t_seconds_bucket{route="/(public)/centers/[id]",method="GET",le="0.01"} 1');
		expect(text).toContain('t_seconds_bucket{route="/(public)/centers/[id]",method="GET",le="0.1"} 2');
		expect(text).toContain('t_seconds_bucket{route="/(public)/centers/[id]",method="GET",le="+Inf"} 3');
		expect(text).toContain('t_seconds_sum{route="/(public)/centers/[id]",method="GET"} 0.254');
		expect(text).toContain('t_seconds_count{route="/(public)/centers/[id]",method="GET"} 3');
	});

	it('sums the workers’ figures the way prom-client aggregates a cluster', async () => {
		const worker = () => {
			const stats = new RequestStats([0.01]);
			stats.observe('/healthz', 'GET', 200, 0.001);
			const registry = new client.Registry();
			registry.registerMetric(stats.counter('t_requests_total', 'requests') as never);
			registry.registerMetric(stats.histogram('t_seconds', 'latency') as never);
			return registry.getMetricsAsJSON();
		};
		const summed = client.AggregatorRegistry.aggregate([await worker(), await worker()]);
		const text = await summed.metrics();
		expect(text).toContain('t_requests_total{route="/healthz",method="GET",status="200"} 2');
		expect(text).toContain('t_seconds_count{route="/healthz",method="GET"} 2');
	});
});
