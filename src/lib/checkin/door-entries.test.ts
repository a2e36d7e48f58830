import { describe, expect, it } from 'vitest';
import { registrationEntry, scannedCodeEntry, typedCodeEntry, walkInEntry } from './door-entries';

function form(fields: Record<string, string>): FormData {
	const data = new FormData();
	for (const [name, value] of Object.entries(fields)) data.set(name, value);
	return data;
}

describe('what the door forms queue', () => {
	it('shows a typed code as the server reads it, and sends it as typed', () => {
		expect(typedCodeEntry(' ab12-cd ')).toEqual({ kind: 'code', label: 'AB12CD', body: { code: ' ab12-cd ' } });
	});

	it('queues nothing for a code field left blank or full of spaces', () => {
		expect(typedCodeEntry('')).toBeNull();
		expect(typedCodeEntry('   ')).toBeNull();
	});

	it('labels a scanned registration link by its code and sends the whole link', () => {
		const link = 'https://yizhen.example.org/console/checkin/ev1?code=xk%2D42p&from=qr#top';
		expect(scannedCodeEntry(link)).toEqual({ kind: 'code', label: 'XK42P', body: { code: link } });
		expect(scannedCodeEntry('https://yizhen.example.org/r/x?lang=zh&code=q7w8e9').label).toBe('Q7W8E9');
	});

	it('labels a QR code holding only the code by that code', () => {
		expect(scannedCodeEntry('mn34pq')).toEqual({ kind: 'code', label: 'MN34PQ', body: { code: 'mn34pq' } });
	});

	it('queues a scanned link whose escapes cannot be read, for the server to answer that it matches nobody', () => {
		const link = 'https://yizhen.example.org/c?code=%E0%A4';
		expect(scannedCodeEntry(link)).toEqual({ kind: 'code', label: '%E0%A4', body: { code: link } });
	});

	it('admits a waitlisted resident only when the form says admit anyway', () => {
		expect(registrationEntry(form({ registrationId: 'reg-9', admit: 'true' }), '仍然签到')).toEqual({
			kind: 'registration',
			label: '仍然签到',
			body: { registrationId: 'reg-9', admit: true }
		});
		expect(registrationEntry(form({ registrationId: 'reg-3', q: '5678' }), '李*国').body).toEqual({ registrationId: 'reg-3', admit: false });
	});

	it('sends a walk-in with every field of the form, consent as a yes or no, and names it on the queue', () => {
		const fields = { name: '赵大爷', phone: '', ageBand: '80_plus', community: '新桥', consent: 'on' };
		expect(walkInEntry(form(fields))).toEqual({ kind: 'walk_in', label: '赵大爷', body: { ...fields, consent: true } });
		const unticked = form(fields);
		unticked.delete('consent');
		expect(walkInEntry(unticked).body).toMatchObject({ consent: false });
	});
});
