/** What src/lib/server/console/ says to people: refusals, audit summaries, labels. */
export const consoleZhCN = {
	organizationKinds: {
		commission: '卫健委',
		leadHospital: '医共体总院',
		hospital: '医院',
		member: '成员单位'
	},
	siteKinds: {
		communityCenter: '社区卫生服务中心',
		communityStation: '社区卫生服务站',
		townshipClinic: '乡镇卫生院',
		villageClinic: '村卫生室'
	},
	labels: {
		expert: '专家',
		site: '站点',
		holidaysMissing: (years: string) => `${years}年的法定节假日尚未录入，请管理员在“节假日”中补录。`
	},
	rotationStatus: {
		cancelled: '停诊',
		holiday: '节假日不坐诊',
		needsCover: '专家请假',
		swapDay: '调休上班日',
		duringHoliday: (holiday: string) => `${holiday}期间照常`
	},
	errors: {
		quotaNumber: '号源数应为数字',
		sittingNotFound: '没有找到这个坐诊班次'
	}
};
