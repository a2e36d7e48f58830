/**
 * Every word a user sees, in one place, so English can follow as a second catalog of the same shape.
 * Parameterized messages are functions; dates are formatted by $lib/format before they get here.
 */
export const zhCN = {
	app: {
		name: '义诊',
		fullName: '义诊 · 社区健康服务',
		tagline: '专家坐诊、周末义诊和健康讲座，就在家门口',
		skipToContent: '跳到正文'
	},
	nav: {
		home: '本周坐诊',
		centers: '社区中心',
		find: '找专家',
		label: '主要导航'
	},
	home: {
		title: '本周专家坐诊',
		chooseCenter: '选择您常去的社区卫生服务中心',
		centerLabel: '社区卫生服务中心',
		show: '查看坐诊',
		remembered: '已记住您的选择，下次打开直接显示。',
		change: '换一个中心',
		thisWeekAt: (center: string) => `${center} 本周坐诊`,
		noneThisWeek: '本周这个中心没有专家坐诊。',
		tryNextWeek: '看看下周的安排',
		tryFind: '按科室在其他中心找专家',
		pickFirst: '请先选择社区中心，我们会显示本周哪些专家在那里坐诊。',
		allCenters: '全部社区中心',
		moreWeeks: (center: string) => `查看${center}其他周的坐诊`
	},
	center: {
		address: '地址',
		phone: '电话',
		hours: '开放时间',
		prevWeek: '上一周',
		nextWeek: '下一周',
		thisWeek: '回到本周',
		weekOf: (range: string) => `${range} 坐诊安排`,
		noSittingsDay: '无专家坐诊',
		noSittingsWeek: '这一周没有专家坐诊安排。',
		call: '拨打电话',
		listTitle: '社区卫生服务中心',
		listIntro: '选择中心，查看每周哪些专家在那里坐诊。',
		today: '今天'
	},
	expert: {
		upcoming: '近四周坐诊安排',
		noneUpcoming: '近四周没有坐诊安排。',
		specialties: '擅长',
		hospital: '所在医院',
		department: '科室',
		covering: (name: string) => `替 ${name} 坐诊`,
		coveredBy: (name: string) => `改由 ${name} 坐诊`
	},
	find: {
		title: '找专家',
		intro: '按科室和日期，在所有社区中心里找专家坐诊，例如“下周哪里有心内科专家？”',
		department: '科室',
		anyDepartment: '请选择科室',
		from: '从',
		to: '到',
		search: '查找',
		nextWeek: '下周',
		thisWeek: '本周',
		results: (department: string, range: string) => `${range} ${department}专家坐诊`,
		none: '这段时间没有找到该科室的专家坐诊。',
		widen: '可以试试更长的日期范围，或换一个相近的科室。',
		chooseDepartment: '请选择一个科室再查找。',
		moreThatDay: (n: number, day: string) => `${day}还有 ${n} 个坐诊，查看这一天的全部`
	},
	sitting: {
		cancelled: '停诊',
		holiday: '节假日休诊',
		needsCover: '专家请假',
		needsCoverNote: '专家请假，替诊待定，请出发前电话确认',
		substituted: '替诊',
		moved: '时间有调整',
		movedFrom: (when: string) => `原定 ${when}`,
		swapDay: '调休上班日',
		onHoliday: (name: string) => `${name}期间照常坐诊`,
		quota: (n: number) => `限 ${n} 号`,
		reason: (text: string) => `原因：${text}`
	},
	warnings: {
		unknownHolidays: (years: string) =>
			`${years}年的法定节假日安排尚未录入，节假日期间的坐诊可能有变动，请以中心通知为准。`
	},
	errors: {
		notFoundTitle: '页面不存在',
		notFound: '您要找的页面不存在，可能已经更改或删除。',
		badRequestTitle: '请求有误',
		serverTitle: '出错了',
		server: '服务器暂时出了点问题，请稍后再试。',
		methodNotAllowed: '这个地址不接受这种请求。请回到页面，重新操作。',
		backHome: '回到首页',
		centerNotFound: '没有找到这个社区中心，它可能已经更名或停用。',
		expertNotFound: '没有找到这位专家。',
		badWeek: '日期格式不对，请用“2026-11-30”这样的格式。',
		badDate: (label: string) => `${label}日期格式不对，请用“2026-11-30”这样的格式。`,
		rangeReversed: '结束日期不能早于开始日期。',
		rangeTooLong: (days: number) => `日期范围最长 ${days} 天，请缩短后再查。`,
		unknownDepartment: '没有这个科室，请从列表中选择。',
		requestId: (id: string) => `错误编号：${id}（联系管理员时请提供）`
	},
	auth: {
		signIn: '登录',
		signInTitle: '工作人员登录',
		signInIntro: '组织者、专家和志愿者使用邮箱和密码登录。居民查看坐诊和报名无需登录。',
		email: '邮箱',
		password: '密码',
		submit: '登录',
		signOut: '退出登录',
		signedInAs: (name: string) => `已登录：${name}`,
		invalid: '邮箱或密码不正确。',
		emailRequired: '请填写邮箱。',
		emailInvalid: '邮箱格式不对，例如 name@example.com。',
		passwordRequired: '请填写密码。',
		locked: (time: string) => `登录失败次数过多，为保护账号已暂时锁定。请在 ${time} 之后再试，或使用“忘记密码”。`,
		forgot: '忘记密码？',
		signInFirst: '请先登录。',
		signedOut: '您已退出登录。'
	},
	footer: {
		about: '义诊是开源的社区健康服务排班系统。',
		confirm: '坐诊安排可能临时变动，出发前可致电中心确认。'
	},
} as const;

export type Messages = typeof zhCN;
