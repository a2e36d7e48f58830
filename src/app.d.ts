// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Actor } from '$lib/server/auth/policy';
import type { Session, SessionUser } from '$lib/server/auth/sessions';

declare global {
	namespace App {
		interface Error {
			message: string;
			requestId?: string;
			/** The form field a refused request is about (a report query's date, say). */
			field?: string;
		}
		interface Locals {
			requestId: string;
			/** Signed-in user, their session and what they may do; all null for a resident. */
			user: SessionUser | null;
			session: Session | null;
			actor: Actor | null;
		}
	}
}

export {};
