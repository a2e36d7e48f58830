import { publicOrigin } from '$lib/server/public-url';
import { getDb } from '$lib/server/db/app-db';
import { siteToday } from '$lib/server/clock';
import { residentHome } from '$lib/server/schedule/public-schedule';
import { shareForVisitor } from '$lib/server/share/wechat-client';
import { homeShareMeta } from '$lib/server/share/share-meta';
import type { PageServerLoad } from './$types';

const CENTER_COOKIE = 'yz_center';
const ONE_YEAR = 60 * 60 * 24 * 365;

export const load: PageServerLoad = async ({ url, cookies, request }) => {
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
	// The same card whichever center this visitor chose: a forwarded home page opens on the recipient's own choice.
	return { ...home, remembered: Boolean(home.chosen && !requested), share: shareForVisitor(homeShareMeta(publicOrigin()), request) };
};
