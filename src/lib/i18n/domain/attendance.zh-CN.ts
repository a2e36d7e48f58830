/** What src/lib/server/attendance/ says to people: refusals, audit summaries, labels. */
export const attendanceZhCN = {
	errors: {
		eventNotFound: '没有找到这个活动',
		sittingNotFound: '没有找到这个坐诊班次'
	},
	fields: {
		patientsRequired: '请填写诊疗人次，如 12',
		patientsInteger: '诊疗人次应为整数',
		patientsNegative: '诊疗人次不能为负数',
		patientsMax: (max: number) => `诊疗人次不能超过 ${max}，请核对`
	},
	notHeld: {
		cancelled: '这次坐诊已停诊，不能登记诊疗人次',
		holiday: '这次坐诊逢节假日休诊，不能登记诊疗人次',
		needsCover: '这次坐诊专家请假且未安排替诊，不能登记诊疗人次',
		notYet: '这次坐诊还没有到，坐诊结束后再登记诊疗人次'
	},
	audit: {
		patientsSeen: (when: string, site: string, expert: string, before: number | null, count: number) => `诊疗人次 ${when} ${site} ${expert}：${before !== null ? `${before} → ` : ''}${count}`
	}
};
