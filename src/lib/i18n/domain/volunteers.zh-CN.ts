/** What src/lib/server/volunteers/ says to people: refusals, audit summaries, labels. */
export const volunteersZhCN = {
	errors: {
		eventCancelled: '这个活动已取消，不再安排志愿者',
		roleNotFound: '没有找到这个志愿岗位',
		eventStartedNoSignUp: '这个活动已经开始或结束，不能再报名',
		alreadySignedUp: (roleName: string) => `您已经报名了「${roleName}」`,
		holdsOtherRole: (roleName: string) => `您已报名这场活动的「${roleName}」岗位。一场活动只担任一个岗位；如要换岗，请先退出「${roleName}」。`,
		roleFull: (roleName: string, filled: number, needed: number) => `「${roleName}」已经满员（${filled}/${needed}），请选择其他岗位`,
		shiftNotFound: '没有找到这个志愿岗位报名，可能已经退出了',
		ownShiftOnly: '只能退出您自己的岗位',
		eventStartedNoWithdraw: '活动已经开始，不能再退出。如有变化请直接联系组织者。',
		eventEndedNoChange: '这个活动已经结束，志愿者名单不再修改',
		chooseVolunteer: '请选择志愿者',
		notThisOrganizationsVolunteer: '所选的人不是这个单位的志愿者',
		personAlreadyInRole: (name: string, roleName: string) => `${name} 已经在「${roleName}」`,
		personHoldsOtherRole: (name: string, roleName: string) => `${name} 已在这场活动的「${roleName}」岗位。一场活动只担任一个岗位；如要换岗，请先从「${roleName}」移出。`,
		assignmentNotFound: '没有找到这条志愿安排，可能已经移出了'
	},
	audit: {
		signedUp: (name: string, roleName: string) => `${name} 报名志愿岗位「${roleName}」`,
		withdrew: (name: string, roleName: string) => `${name} 退出志愿岗位「${roleName}」`,
		assigned: (name: string, roleName: string) => `安排 ${name} 担任志愿岗位「${roleName}」`,
		removed: (name: string, roleName: string) => `把 ${name} 移出志愿岗位「${roleName}」`
	},
	labels: {
		signedUp: (roleName: string, title: string) => `已报名：${roleName} · ${title}`,
		withdrew: (roleName: string, title: string) => `已退出：${roleName} · ${title}`,
		assigned: (name: string, roleName: string) => `已安排：${name} · ${roleName}`,
		removed: (name: string, roleName: string) => `已移出：${name} · ${roleName}`
	}
};
