/**
 * After a refused form, the first thing wrong must be where the resident is looking: the page comes back
 * scrolled to the top, and the message for a field halfway down a long form sat ~1,000 px below (issue
 * 16). Two halves, so it works with and without JavaScript:
 * - On the server, the first error message rendered (FormError or FieldError, in document order) claims
 *   `autofocus`: the browser focuses it and scrolls it into view as the page loads, no script needed,
 *   and a screen reader reads the message.
 * - In the browser, `focusFirstError` (run by the root layout whenever an action answers) moves focus
 *   on to the field itself, so the resident can type straight away.
 * The claim lives in a context the root layout creates for each render: one per request on the server.
 */
import { getContext, setContext } from 'svelte';

const KEY = Symbol('first-error');

interface FirstErrorClaim {
	claimed: boolean;
}

export function provideFirstErrorClaim(): void {
	setContext<FirstErrorClaim>(KEY, { claimed: false });
}

/** True for the first error message of the page that asks; false for every later one (and when there is no message). */
export function claimFirstError(hasMessage: boolean): boolean {
	if (!hasMessage) return false;
	const claim = getContext<FirstErrorClaim | undefined>(KEY);
	if (!claim || claim.claimed) return false;
	claim.claimed = true;
	return true;
}

/** What `focusFirstError` looks for, in document order: a form's own message, or a field marked invalid. */
export const FIRST_ERROR_SELECTOR = '[data-form-error], form [aria-invalid="true"]';

export function focusFirstError(root: ParentNode = document): HTMLElement | null {
	const target = root.querySelector<HTMLElement>(FIRST_ERROR_SELECTOR);
	if (!target) return null;
	if (!target.matches('input, select, textarea, button') && !target.hasAttribute('tabindex')) target.tabIndex = -1;
	target.focus({ preventScroll: true });
	target.scrollIntoView({ block: 'center' });
	return target;
}
