import { m } from '$lib/i18n';
import { z } from 'zod';
import { requestPasswordReset } from '$lib/server/auth/account-links';
import { getDb } from '$lib/server/db/app-db';
import { fieldErrors, formFailure, formValues } from '$lib/server/http/forms';
import { pokeOutbox } from '$lib/server/notify/app-worker';
import type { Actions } from './$types';

const ResetForm = z.object({ email: z.string().trim().min(1, m.auth.emailRequired).email(m.auth.emailInvalid) });

export const actions: Actions = {
	default: async ({ request }) => {
		const values = formValues(await request.formData());
		const parsed = ResetForm.safeParse(values);
		if (!parsed.success) return formFailure(400, values, fieldErrors(parsed.error));
		await requestPasswordReset(await getDb(), parsed.data.email);
		pokeOutbox();
		return { sent: true, values };
	}
};
