/** What src/lib/server/ops/ says to people: refusals, audit summaries, labels. */
export const opsZhCN = {
	log: {
		jobRunNotRecorded: (job: string) => `无法记录任务 ${job} 的运行 / could not record the ${job} run:`,
		retentionFailed: (error: string | null | undefined) => `保留期清理失败 / retention failed: ${error}`,
		retentionErased: (registrations: number) => `保留期清理 / retention: 抹去 ${registrations} 条报名的个人信息 / erased ${registrations} registrations' personal data, `,
		retentionDeleted: (calendarItems: number, follows: number) => `删除 ${calendarItems} 条日历条目 / forgot ${calendarItems} calendar items, 删除 ${follows} 条停诊提醒关注 / deleted ${follows} follows`
	}
};
