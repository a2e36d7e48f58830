/** What src/lib/server/organizations/ says to people: refusals, audit summaries, labels. */
export const organizationsZhCN = {
	fields: {
		chooseWeekday: '请选择星期一到星期日',
		name: '名称',
		nameRequired: '请填写单位全称',
		nameMax: '名称不超过 60 字',
		shortName: '简称',
		shortNameMax: '简称不超过 20 字'
	},
	errors: {
		organizationNotFound: '没有找到这个单位',
		badDate: '日期不对',
		notSwapDay: (day: string) => `${day} 不是调休上班日`
	},
	audit: {
		updated: (name: string) => `修改单位设置：${name}`,
		swapDayRoster: (day: string, weekday: number | null) =>
			`${day} 调休上班日：${weekday === null ? '按默认设置' : `按星期${'一二三四五六日'[weekday - 1]}的排班`}`
	}
};
