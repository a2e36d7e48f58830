/** What src/lib/server/reports/ says to people: refusals, audit summaries, labels. */
export const reportsZhCN = {
	errors: {
		noOrganization: '您还没有负责的机构，无法查看报表',
		organizationRequired: '请选择机构',
		organizationNotFound: '没有找到这个机构',
		organizationNotFoundRetry: '没有找到这个机构，请重新选择',
		dateRequired: (label: string) => `请填写${label}`,
		dateInvalid: (label: string) => `${label}不是有效日期（如 2026-01-01）`,
		fromAfterTo: '开始日期晚于结束日期，请调换后再试',
		rangeTooLong: '日期范围不能超过 3 年，请缩短后再试'
	},
	labels: {
		from: '开始日期',
		to: '结束日期',
		noSite: '未指定站点',
		noDepartment: '未指定科室',
		version: (title: string, version: number) => `${title}（第 ${version} 版）`,
		month: (year: string, month: number) => `${year}年${month}月`,
		monthShort: (month: number) => `${month}月`,
		smallSample: '小样本（不足 30 人），仅供参考'
	},
	/** The report's tables, on the page, in the .xlsx and in the CSV (tables.ts, export.ts). */
	tables: {
		figures: {
			freeClinics: '义诊期数',
			lectures: '讲座场次',
			served: '受益人次',
			sittingsDelivered: '专家坐诊次数',
			sittingsCancelled: '停诊次数',
			patientsSeen: '诊疗人次',
			volunteers: '志愿者人数',
			volunteerHours: '志愿服务时长（小时）',
			respondents: '调查人数',
			literacyLevel: '健康素养水平'
		},
		total: '合计',
		summary: '汇总',
		measure: '指标',
		value: '数值',
		organization: '机构',
		period: '统计期间',
		periodRange: (from: string, to: string) => `${from} 至 ${to}`,
		byMonth: '按月份',
		month: '月份',
		bySite: '按站点',
		site: '站点',
		byDepartment: '按科室',
		department: '科室',
		literacy: '健康素养',
		questionnaire: '问卷',
		literate: '具备健康素养人数',
		remark: '说明'
	},
	export: {
		fileName: (organization: string, from: string, to: string, extension: string) => `${organization}_健康服务报表_${from}至${to}.${extension}`,
		title: (organization: string) => `${organization} 健康服务报表`,
		creator: '义诊'
	}
};
