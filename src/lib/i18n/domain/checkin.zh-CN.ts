/** What src/lib/server/checkin/ says to people: refusals, audit summaries, labels. */
export const checkinZhCN = {
	fields: {
		badOperationId: '操作编号无效',
		name: '姓名',
		nameRequired: '请填写姓名',
		nameMax: '姓名不超过 20 字',
		phoneInvalid: '手机号应为 11 位，或者不填',
		chooseAgeBand: '请选择年龄段',
		community: '社区',
		communityMax: '社区名称不超过 40 字',
		consentRequired: '请先告知居民信息的用途，并勾选'
	},
	results: {
		cancelled: (who: string) => `${who} 已取消报名，名额可能已让给候补的居民。如现场可以接待，请按“现场登记”办理。`,
		already: (who: string, time: string, by: string | null | undefined) => `${who} 已于 ${time} 签到${by ? `（${by}）` : ''}，不用重复签到。`,
		waitlisted: (who: string) => `${who} 在候补名单上，名额已满。如现场可以接待，请点“仍然签到”。`,
		promoted: '（候补转为正式）',
		checkedIn: (who: string, promoted: string) => `${who} 签到成功${promoted}。`,
		byRegistration: (message: string) => `这个手机号已经报名，按报名签到：${message}`,
		walkIn: (name: string) => `现场登记：${name} 签到成功。`,
		emptyCode: '（空）',
		codeNotFound: (code: string) => `没有找到签到码 ${code}。请核对，或用手机尾号查找。`,
		registrationNotFound: '没有找到这条报名，请刷新页面后重试。'
	},
	refusals: {
		eventCancelled: '这个活动已取消，不能签到。',
		notYet: '活动还没开始，当天才能签到。',
		ended: '活动已经结束，不能再签到。'
	},
	errors: {
		eventNotFound: '没有找到这个活动'
	}
};
