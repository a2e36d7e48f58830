import type { z } from 'zod';
import { invalid } from './errors';

/** Parses domain input or throws a DomainError naming the first bad field, with its Chinese message. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
	const parsed = schema.safeParse(input);
	if (!parsed.success) {
		const issue = parsed.error.issues[0]!;
		throw invalid(issue.message, issue.path.length ? String(issue.path[0]) : null);
	}
	return parsed.data;
}
