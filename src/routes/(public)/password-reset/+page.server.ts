import { z } from 'zod';
import { requestPasswordReset } from '$lib/server/auth/account-links';
import { getDb } from '$lib/server/db/app-db';
import { fieldErrors, formFailure, formValues } from '$lib/server/http/forms';
import { pokeOutbox } from '$lib/server/notify/app-worker';
import type { Actions } from './$types';

const ResetForm = z.object({ email: z.string().trim().min(1, '请填写邮箱。').email('邮箱格式不对，例如 name@example.com。') });

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
