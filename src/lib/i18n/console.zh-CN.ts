/**
 * Every word the organizer console (/console) shows, kept apart from the public catalog because only
 * staff see it. Same conventions as zh-CN.ts: nested by page or area, parameterized messages are
 * functions, dates are formatted by $lib/format before they get here. Exposed as `m.console`.
 */
export const consoleZhCN = {
	layout: {
		brand: '义诊 · 工作台',
		navLabel: '工作台导航',
		nav: {
			overview: '概览',
			plan: '排班总览',
			rotations: '坐诊安排',
			leave: '请假处理',
			events: '义诊和讲座',
			surveys: '健康素养调查',
			reports: '报表',
			experts: '专家',
			sites: '单位和站点',
			import: '导入排班表',
			people: '邀请成员',
			me: '我的坐诊',
			shifts: '志愿服务',
			departments: '科室',
			holidays: '节假日',
			mailbox: '邮件'
		}
	},
	common: {
		choose: '请选择',
		save: '保存',
		startTime: '开始时间',
		endTime: '结束时间',
		startDate: '开始日期',
		endDate: '结束日期'
	},
	overview: {
		pageTitle: '工作台 · 义诊',
		title: '工作台',
		sites: (count: number, range: string) => `您负责 ${count} 个站点。本周（${range}）：`,
		scheduled: '班正常坐诊',
		substituted: '班替诊',
		cancelled: '班停诊',
		needsCover: '班待安排替诊',
		pendingLeave: (n: number) => `待处理的请假申请（${n}）`,
		problems: (n: number) => `本周需要处理的问题（${n}）`,
		noProblems: '本周没有冲突或缺人的班次。',
		openPlan: '打开排班总览',
		welcome: '欢迎使用义诊。志愿者的活动报名和签到功能即将开放。'
	},
	attendance: {
		registeredHint: '提前报名并占到名额的人数（不含现场加入）',
		attended: '已签到',
		attendedHint: '提前报名（或候补）并已到场签到的人数',
		walkIns: '现场加入',
		walkInsHint: '没有报名、到场后在签到处登记的人数',
		noShows: '未到场',
		noShowsHint: '已报名但活动结束时仍未签到的人数',
		notYetArrived: '待签到',
		notYetArrivedHint: '已报名、还没有签到的人数（活动结束后计为未到场）',
		waitlisted: '候补中',
		waitlistedHint: '名额已满、排队等待的人数',
		cancelledHint: '报名后自己取消的人数',
		served: '受益人次',
		servedHint: '已签到 + 现场加入，上报时使用这个数'
	},
	auditTrail: {
		title: '修改记录',
		none: '暂无记录。'
	},
	eventForm: {
		event: '活动',
		kind: '类型',
		title: '活动名称',
		site: '地点',
		series: '系列（选了系列会自动编期号）',
		noSeries: '不属于系列',
		date: '日期',
		capacity: '名额（不限请留空）',
		description: '介绍（可不填）',
		whatToBring: '请居民携带（可不填）',
		clinic: '义诊内容',
		services: '服务项目',
		otherServices: '其他服务，用顿号分隔',
		otherServicesExample: '听力筛查、康复指导',
		departments: '参加的科室',
		experts: '出诊专家',
		lecture: '讲座内容',
		topic: '讲座主题',
		audience: '面向对象（可不填）',
		audienceExample: '高血压患者及家属',
		speaker: '主讲专家',
		guestSpeaker: '不是本区专家（填写下面的嘉宾姓名）',
		speakerName: '嘉宾姓名和身份（主讲人不是本区专家时填写）',
		speakerNameExample: '王敏 市营养学会理事',
		roles: '志愿者岗位',
		rolesHint: '每行一个岗位和需要的人数；不需要的行留空。已有志愿者的岗位不能删除。',
		role: '岗位',
		needed: '需要人数',
		roleNameLabel: (n: number) => `第 ${n} 个岗位名称`,
		roleExample: '导诊',
		roleNeededLabel: (n: number) => `第 ${n} 个岗位需要人数`
	},
	expertForm: {
		name: '姓名',
		title: '职称',
		department: '科室',
		hospital: '所在医院',
		specialties: '擅长（用顿号分隔，如 高血压、冠心病）',
		bio: '简介（居民会看到，可不填）'
	},
	leaveList: {
		none: '没有待处理的请假。',
		item: (expert: string, range: string, reason: string | null) => `${expert} 申请请假 ${range}${reason ? `（${reason}）` : ''}，点此处理`
	},
	reportFilters: {
		label: '选择机构和统计期间',
		organization: '机构（含下属单位和站点）',
		chooseOrganization: '请选择机构',
		submit: '查看报表'
	},
	rotationEditor: {
		who: '谁、在哪里',
		expert: '专家',
		site: '坐诊地点',
		department: '科室（不选则用专家本人的科室）',
		when: '哪些天',
		frequency: '重复方式',
		weekdays: '星期（“每月第几个”只选一天）',
		ordinal: '每月第几个（仅“每月第几个”时使用）',
		rrule: '自定义规则（仅“自定义规则”时使用）',
		timeAndQuota: '时间和号源',
		validUntil: '结束日期（可不填）',
		quota: '号源数（可不填）',
		holidays: '法定节假日',
		holidaySkip: '节假日不坐诊',
		holidayKeep: '节假日照常坐诊',
		countSwapDays: '调休上班日按所在单位指定的星期坐诊',
		note: '备注（可不填）',
		preview: '预览接下来的班次',
		previewTitle: (description: string, n: number) => `预览：${description}，接下来的 ${n} 个班次`,
		blocking: '冲突：',
		warning: '提醒：',
		noConflicts: '没有冲突。'
	},
	siteForm: {
		parent: '上级单位',
		kind: '类型',
		name: '站点全称',
		address: '详细地址',
		phone: '电话（可不填）',
		openingHours: '开放时间（可不填，居民会看到）',
		directions: '怎么来：公交、轨道交通、步行路线（可不填，居民会看到）',
		rooms: '可供专家使用的诊室数（可不填）',
		latitude: '纬度（可不填）',
		longitude: '经度（可不填）'
	},
	volunteerEvent: {
		cancelled: (reason: string | null) => `活动已取消${reason ? `：${reason}` : ''}。不用再前往。`
	},
} as const;

export type ConsoleMessages = typeof consoleZhCN;
