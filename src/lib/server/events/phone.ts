/** Mainland China mobile numbers: what residents type, what we store, what others may see. */

/** 11 digits starting 13–19, after dropping spaces, dashes and a +86 / 0086 prefix; null if not one. */
export function normalizeMobile(input: string): string | null {
	const digits = input.replace(/[\s\-()（）]/g, '').replace(/^(\+86|0086|86(?=1\d{10}$))/, '');
	return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}

/** 13812341234 → 138****1234: enough for a resident to recognise their own, useless to anyone else. */
export function maskPhone(phone: string): string {
	return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '****';
}
