/**
 * One line per request. The route id stands in for the path and the query string is never written,
 * so phone numbers, check-in codes and feed tokens that travel in URLs never reach the log.
 */
const SAFE_PARAMS = new Set(['id']);

export interface RequestLogLine {
	requestId: string;
	method: string;
	routeId: string | null;
	params: Record<string, string>;
	status: number;
	durationMs: number;
}

export function formatRequestLog(line: RequestLogLine): string {
	const params = Object.entries(line.params)
		.filter(([name]) => SAFE_PARAMS.has(name))
		.map(([name, value]) => ` ${name}=${value.slice(0, 40)}`)
		.join('');
	return `${new Date().toISOString()} req=${line.requestId} ${line.method} ${line.routeId ?? '(no route)'}${params} ${line.status} ${line.durationMs.toFixed(1)}ms`;
}
