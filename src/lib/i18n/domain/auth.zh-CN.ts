/** What src/lib/server/auth/ says to people: refusals, audit summaries, labels. */
export const authZhCN = {
	fields: {
		emailRequired: '请填写邮箱',
		emailInvalid: '邮箱格式不对，例如 name@example.com',
		name: '姓名',
		nameRequired: '请填写姓名',
		nameMax: '姓名不超过 40 字',
		chooseRole: '请选择角色',
		chooseOrganization: '请选择所属单位',
		chooseExpert: '请选择对应的专家'
	},
	mail: {
		inviteSubject: '邀请您使用义诊工作台',
		resetSubject: '重设义诊账号密码',
		defaultInviter: '组织者',
		inviteLead: (name: string, inviter: string) => `${name}，您好：\n\n${inviter}邀请您使用义诊工作台。请在 7 天内打开下面的链接设置密码：`,
		resetLead: (name: string) => `${name}，您好：\n\n我们收到了重设密码的请求。请在 1 小时内打开下面的链接设置新密码：`,
		inviteTail: '链接只能使用一次。',
		resetTail: '如果不是您本人操作，请忽略这封邮件，您的密码不会改变。',
		body: (lead: string, url: string, tail: string) => `${lead}\n\n${url}\n\n${tail}\n\n义诊 Yizhen`
	},
	errors: {
		expertNotFound: '所选专家不存在',
		organizationNotFound: '所选单位不存在',
		roleAlreadyHeld: '这个账号已经有这个角色了',
		linkExpired: '这个链接已失效（已使用过或已过期）。请重新申请重设密码，或请组织者重新邀请。',
		wrongCurrentPassword: '当前密码不正确',
		samePassword: '新密码不能与当前密码相同',
		forbidden: '您没有权限进行这个操作',
		targetNotFound: '没有找到要操作的对象'
	},
	audit: {
		invited: (name: string, email: string) => `邀请 ${name}（${email}）`
	},
	password: {
		tooShort: (minLength: number) => `密码至少 ${minLength} 位`,
		tooLong: '密码不超过 200 位',
		sameAsEmail: '密码不能与邮箱相同',
		repeatedCharacter: '密码不能是同一个字符重复'
	}
};
