/** What src/lib/server/notify/ says to people: refusals, audit summaries, labels. */
export const notifyZhCN = {
	digest: {
		greeting: (name: string, range: string) => `${name}，您好：下面是下周（${range}）的安排摘要。`,
		gaps: (count: number, list: string) => `需要安排替诊（${count}）：\n${list}`,
		noGaps: '需要安排替诊：无',
		clashes: (count: number, list: string) => `冲突（${count}）：\n${list}`,
		noClashes: '冲突：无',
		eventLine: (day: string, title: string, site: string, registered: number, capacity: string, waitlisted: number) => `· ${day} ${title}（${site}）：已报名 ${registered}${capacity}，候补 ${waitlisted}`,
		events: (count: number, list: string) => `活动报名（${count} 场）：\n${list}`,
		noEvents: '活动报名：下周没有活动',
		roleShort: (name: string, unfilled: number) => `${name}缺 ${unfilled} 人`,
		volunteerGaps: (list: string) => `志愿者缺额：\n${list}`,
		noVolunteerGaps: '志愿者缺额：无',
		viewInConsole: (origin: string, monday: string) => `在工作台查看：${origin}/console/plan?week=${monday}`,
		subject: (range: string, gaps: number, clashes: number, events: number, coverage: string) => `下周安排摘要（${range}）：替诊 ${gaps}，冲突 ${clashes}，活动 ${events}${coverage}`
	},
	errors: {
		badEmail: (address: string) => `邮箱地址“${address}”格式不对，例如 name@example.com`
	},
	preferences: {
		sittingChanges: '我的坐诊有停诊、改期、替诊时通知我（附日历文件）',
		volunteerShifts: '志愿者岗位确认和活动前一天的提醒',
		weeklyDigest: '每周五：下周的坐诊缺口、冲突、报名人数和志愿者缺额（组织者）'
	},
	mail: {
		defaultFrom: '义诊 Yizhen <no-reply@yizhen.local>'
	},
	sittingNotice: {
		noAddress: '没有账号，也没有登记联系邮箱',
		optedOut: '已在账号设置里关闭坐诊变动邮件',
		addressRefused: '联系邮箱曾退信或已退订，邮件发不到',
		past: '通知：班次已过，没有通知任何人',
		told: (names: string) => `已邮件告知 ${names}`,
		unreachable: (names: string) => `未能通知 ${names}`,
		nobody: '没有需要通知的人',
		summary: (parts: string) => `通知：${parts}`
	},
	outbox: {
		rejected: (reason: string) => `对方服务器拒收，不再重试：${reason}`,
		gaveUp: (attempts: number, reason: string) => `已尝试 ${attempts} 次仍未发出，不再重试：${reason}`,
		retrying: (reason: string) => `暂时发送失败，稍后重试：${reason}`
	}
};
