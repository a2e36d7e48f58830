import { getDb } from '$lib/server/db/app-db';
import { siteToday } from '$lib/server/clock';
import { residentHome } from '$lib/server/schedule/public-schedule';
import type { PageServerLoad } from './$types';

const CENTER_COOKIE = 'yz_center';
const ONE_YEAR = 60 * 60 * 24 * 365;

export const load: PageServerLoad = async ({ url, cookies }) => {
	const requested = url.searchParams.get('center');
	const chosenId = requested || cookies.get(CENTER_COOKIE) || null;
	const home = await residentHome(await getDb(), chosenId, siteToday);
	if (home.chosen && requested) {
		cookies.set(CENTER_COOKIE, home.chosen.site.id, {
			path: '/',
			maxAge: ONE_YEAR,
			httpOnly: true,
			sameSite: 'lax',
			secure: url.protocol === 'https:'
		});
	}
	if (home.unknownChoice && !requested) cookies.delete(CENTER_COOKIE, { path: '/' });
	return { ...home, remembered: Boolean(home.chosen && !requested) };
};
