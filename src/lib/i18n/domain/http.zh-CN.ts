/** What src/lib/server/http/ says to people: refusals, audit summaries, labels. */
export const httpZhCN = {
	errors: {
		organizersOnly: '这个页面只对组织者开放。'
	}
};
