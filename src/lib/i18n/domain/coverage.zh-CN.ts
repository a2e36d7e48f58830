/** What src/lib/server/coverage/ says to people: refusals, audit summaries, labels. */
export const coverageZhCN = {
	errors: {
		toBeforeFrom: '结束日期不能早于开始日期',
		tooManyWeeks: (weeks: number) => `一次最多看 ${weeks} 周`,
		noOrganization: '您还没有负责的机构，无法设置考核目标',
		organizationNotFoundRetry: '没有找到这个机构，请重新选择',
		periodKindRequired: '请选择按月、按季度或按年',
		periodUnknown: '没有这个统计期间，请从列表中选择',
		targetNotFound: '没有找到这条考核目标',
		siteMissing: '所选中心不存在',
		siteNotOwn: (site: string) => `${site}不属于本单位，只能为本单位的中心设目标`,
		siteIsHospital: '医院本部不是下沉的中心，请选择社区卫生服务中心、卫生院等基层站点',
		siteInactive: (site: string) => `${site}已停用`,
		departmentMissing: '所选科室不存在',
		expertMissing: '所选专家不存在',
		expertNotOwn: (expert: string) => `${expert}不是本单位的专家，下派目标只能设给本单位的专家`
	},
	/** The target form as zod checks it (targets.ts). */
	targetForm: {
		kindRequired: '请选择目标类型',
		minimumInteger: '请填写目标数，整数，如 2',
		holidayRuleRequired: '请选择节假日所在的周或月怎么算',
		noteField: '来源说明',
		noteTooLong: '来源说明不超过 100 字',
		minimumAtLeastOne: '目标至少为 1',
		weeklyTooMany: (minimum: number) => `一周只有 7 天，每周坐诊不能要求 ${minimum} 天`,
		halfDaysTooMany: '一个月最多 31 天、62 个半天，半天数不能超过 62',
		sittingsTooMany: '一个月最多 31 天，每天上下午各一次，坐诊次数不能超过 62',
		titleUnknown: (title: string) => `没有“${title}”这个职称，请从主任医师、副主任医师、主治医师、住院医师中选择`,
		siteRequired: '科室目标要指定在哪个中心，请选择中心',
		departmentRequired: '请选择科室',
		expertRequired: '请选择专家'
	},
	audit: {
		targetAdded: (rule: string) => `新增考核目标：${rule}`,
		targetEdited: (rule: string) => `修改考核目标：${rule}`,
		targetDeleted: (rule: string) => `删除考核目标：${rule}`
	},
	/** The compliance report's workbook and chart (compliance-xlsx.ts, compliance-chart.ts). */
	report: {
		fileName: (organization: string, period: string) => `${organization}_考核达标报表_${period}.xlsx`,
		title: (organization: string, period: string) => `${organization} 考核达标报表 ${period}`,
		periodRange: (label: string, from: string, to: string) => `${label}（${from} 至 ${to}）`,
		month: (year: string, month: number) => `${year}年${month}月`,
		monthShort: (month: number) => `${month}月`
	}
};
