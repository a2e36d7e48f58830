/**
 * Expected failures a user can cause. Routes turn them into a 4xx with the Chinese message shown where
 * the user is looking; anything else is a bug and becomes a logged 500.
 */
export type DomainErrorKind = 'invalid' | 'not_found' | 'forbidden' | 'conflict' | 'too_large' | 'too_many';

const STATUS: Record<DomainErrorKind, number> = {
	invalid: 400,
	not_found: 404,
	forbidden: 403,
	conflict: 409,
	too_large: 413,
	too_many: 429
};

export class DomainError extends Error {
	readonly kind: DomainErrorKind;
	readonly status: number;
	/** The form field the message belongs next to, if any. */
	readonly field: string | null;

	constructor(kind: DomainErrorKind, message: string, field: string | null = null) {
		super(message);
		this.name = 'DomainError';
		this.kind = kind;
		this.status = STATUS[kind];
		this.field = field;
	}
}

export const invalid = (message: string, field: string | null = null) => new DomainError('invalid', message, field);
export const notFound = (message: string) => new DomainError('not_found', message);
export const conflict = (message: string, field: string | null = null) => new DomainError('conflict', message, field);
export const tooLarge = (message: string, field: string | null = null) => new DomainError('too_large', message, field);
export const tooMany = (message: string, field: string | null = null) => new DomainError('too_many', message, field);

export function isDomainError(error: unknown): error is DomainError {
	return error instanceof DomainError;
}
