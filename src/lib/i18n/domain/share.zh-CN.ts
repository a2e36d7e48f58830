/** What src/lib/server/share/ says to people: refusals, audit summaries, labels. */
export const shareZhCN = {
	posters: {
		andMore: ' 等'
	}
};
