/** What src/lib/server/feeds/ says to people: refusals, audit summaries, labels. */
export const feedsZhCN = {
	labels: {
		issue: (issueNumber: number) => `第${issueNumber}期 `
	},
	fields: {
		site: '地点',
		department: '科室'
	},
	audit: {
		tokenReplaced: '更换了日历订阅地址，旧地址已失效',
		tokenCreated: '生成了日历订阅地址',
		tokenRevoked: '停用了日历订阅地址'
	}
};
