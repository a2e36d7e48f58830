/** What src/lib/server/surveys/ says to people: refusals, audit summaries, labels. */
export const surveysZhCN = {
	/** A resident answering on a phone (answering.ts). */
	answering: {
		closed: '这份问卷已经结束，不再接收答卷。感谢您的关注！',
		already: '这台手机已经填写过这份问卷了，感谢参与！',
		alreadySubmitted: '这份答卷已经提交过了，不能重复提交。',
		notStarted: '请先点击“开始答题”。',
		tampered: '页面内容和您的答卷对不上，可能是页面已过期。请刷新后重新作答。',
		unknownItem: '这道题不在这份问卷里，请刷新页面后重新作答。',
		notAnOption: '所选答案不是这道题的选项，请重新选择。',
		chooseOne: '请选择一项。',
		chooseSome: '请至少选择一项。',
		badCode: '签到码应为 6 位字母或数字，可在报名成功页面找到；不想关联可以留空。',
		unknownCode: '没有找到这个签到码对应的报名，请核对后再填；不想关联可以留空。',
		surveyNotFound: '没有找到这份问卷，请核对链接或重新扫码。',
		unanswered: (positions: string, more: boolean) => `还有第${positions}题${more ? '等' : ''}没有回答，请答完再提交。`
	},
	errors: {
		questionnaireNotFound: '没有找到这份问卷',
		versionNotFound: '没有找到这个问卷版本',
		itemNotFound: '没有找到这道题',
		surveyNotFound: '没有找到这个调查',
		versionFrozen: '这个版本已经发布，不能再修改。如需修改，请新建草稿版本。',
		alreadyPublished: '这个版本已经发布，不能再次发布',
		titleTaken: (title: string, archived: boolean) => `本单位已经有一份叫“${title}”的问卷了${archived ? '（已归档）' : ''}，请换一个名称`,
		draftPending: (version: number) => `第 ${version} 版还是草稿，请先编辑并发布它，再新建下一版`,
		demographicAsked: (position: number, field: string) => `第 ${position} 题已经问过${field}了`,
		titleRequired: '请填写问卷名称',
		titleTooLong: (max: number) => `问卷名称不超过 ${max} 个字`,
		titleSingleLine: (rule: string) => `问卷名称${rule}`,
		introTooLong: '说明不超过 500 个字',
		introControls: (rule: string) => `说明${rule}`,
		itemWhere: (position: number) => `第 ${position} 题：`,
		copiedItemWhere: (title: string, position: number) => `“${title}”第 ${position} 题：`,
		copySourceMissing: '没有找到要复制的问卷，请重新选择',
		copySourceOutOfReach: '所选单位看不到这份问卷：只能复制本单位、上级单位或下属单位的问卷',
		copySourceUnpublished: (title: string) => `“${title}”还没有发布过，不能复制；请选已发布的问卷`,
		organizationRequired: '请选择问卷属于哪个单位',
		organizationMissingRetry: '所选单位不存在，请重新选择',
		organizationOutOfReachCreate: '只能为您负责的单位新建问卷',
		kindRequired: '请选择问卷类型',
		sourceRequired: '请选择从哪里开始：空白、模板或复制已有的问卷',
		noTemplate: (kind: string) => `${kind}问卷没有模板：请复制一份已有的健康素养问卷，或从空白开始`,
		quizTitleTaken: (title: string) => `本单位已经有叫“${title}”的问卷了，请在“问卷”页面新建并另起名称`,
		lectureNotFound: '没有找到这场讲座',
		quizOnlyForLectures: '只有健康讲座才能创建课前/课后小测验',
		quizLectureCancelled: '讲座已经取消，不能再创建小测验',
		hasSheets: (sheets: number) => `这份问卷已经有 ${sheets} 份答卷，不能删除。可以归档：不能再用来开始新的调查，已有的答卷和结果都保留。`,
		confirmTitle: (title: string) => `请输入问卷名称“${title}”，确认删除。删除后无法恢复。`,
		confirmTitleMismatch: (title: string) => `输入的名称与问卷名称“${title}”不一致，没有删除。请照原样输入。`,
		satisfactionNoAnswerKey: (where: string) => `${where}满意度调查只问感受，没有对错，题目不能设正确答案；请用“满意度题（5 级）”`,
		scoredNeedsAnswerKey: (where: string, kind: string) => `${where}${kind}的每道题都要有正确答案（判断题、单选题或多选题），满意度题没有正确答案，不能放进来`,
		satisfactionNeedsRating: '满意度调查至少要有一道满意度题才能发布',
		needsScoredItem: '问卷至少要有一道计分的题（判断题、单选题或多选题）才能发布'
	},
	/** Starting and closing a survey (surveys.ts). */
	survey: {
		versionRequired: '请选择问卷',
		kindRequired: '请选择调查类型（讲座前、讲座后或单独调查）',
		titleField: '调查名称',
		titleRequired: '请填写调查名称',
		titleTooLong: '调查名称不超过 60 个字',
		lectureRequired: '讲座前后的调查要选择讲座',
		versionOutOfReach: '只能使用本单位或上级单位的问卷',
		organizationMissing: '所选单位不存在',
		organizationOutOfReach: '只能为您负责的单位开始调查',
		siteRequired: '请选择调查的站点',
		versionMissing: '所选问卷不存在',
		versionUnpublished: '问卷还没有发布，发布后才能开始调查',
		questionnaireArchived: '这份问卷已经归档，不能再用来开始新的调查；要用它，请先在问卷页面恢复使用',
		lectureMissing: '所选讲座不存在',
		kindTaken: '这个活动已经有同一类型的调查了',
		siteMissing: '所选地点不存在',
		ownerRequired: '请选择负责的单位',
		codeTaken: '调查短码已被占用'
	},
	/** Questionnaire versions as zod checks them (questionnaires.ts). */
	schema: {
		optionKeyPattern: '选项编号应为大写字母，如 A、B',
		optionField: '选项内容',
		optionEmpty: '选项内容不能为空',
		optionTooLong: '选项内容太长',
		promptField: '题目',
		promptEmpty: '题目不能为空',
		promptTooLong: '题目太长',
		pointsPositive: '分值应为正整数',
		aspectRequired: '请选择题目所属方面（基本知识和理念、健康生活方式与行为、基本技能）',
		categoryRequired: '请选择题目所属的健康问题类别',
		singleTooFewOptions: '单选题至少要有两个选项',
		singleTooManyOptions: '单选题最多 8 个选项',
		singleOneAnswer: '单选题只能有一个正确答案',
		multipleTooFewOptions: '多选题至少要有三个选项',
		multipleTooManyOptions: '多选题最多 8 个选项',
		multipleTwoAnswers: '多选题至少要有两个正确答案',
		tooFewOptions: '至少要有两个选项',
		tooManyOptions: '最多 20 个选项',
		tooManyItems: (max: number) => `一份问卷最多 ${max} 道题`,
		titleField: '问卷名称',
		introField: '说明',
		introTooLong: '说明不超过 500 字',
		noItems: '问卷至少要有一道题',
		itemWhere: (position: number) => `第${position}题：`,
		duplicateKeys: (where: string) => `${where}选项编号重复`,
		demographicTwice: (where: string) => `${where}同一项基本情况问了两次`,
		answerNotAnOption: (where: string) => `${where}正确答案必须是题目里的选项`
	},
	/** The editor's item form (item-form.ts). */
	itemForm: {
		kindRequired: '请选择题型',
		promptRequired: '请填写题目',
		promptTooLong: '题目不能超过 500 个字',
		promptControls: (rule: string) => `题目${rule}`,
		ratingMarked: '满意度题只问感受，没有对错，不能设正确答案，请取消勾选“正确”',
		correctButEmpty: (key: string) => `选项 ${key} 勾选为正确答案，但没有填写内容`,
		optionTooLong: (key: string) => `选项 ${key} 不能超过 200 个字`,
		optionSingleLine: (key: string, rule: string) => `选项 ${key} ${rule}`,
		optionsRepeat: '有两个选项内容相同',
		demographicRequired: '请选择这道题问的是哪一项基本情况',
		twoOptions: '请至少填写两个选项',
		pointsPositive: '分值应为正整数，如 1 或 2',
		pointsTooMany: '一道题的分值不能超过 10 分',
		aspectRequired: '请选择题目所属方面',
		categoryRequired: '请选择题目所属的健康问题类别',
		trueFalseAnswer: '请选择判断题的正确答案（正确或错误）',
		optionsRequired: '请填写选项',
		singleTooFewOptions: '单选题至少要有两个选项',
		singleOneAnswer: '单选题要有且只有一个正确答案',
		multipleTooFewOptions: '多选题至少要有三个选项',
		multipleTwoAnswers: '多选题至少要有两个正确答案',
		multipleNotAll: '多选题不能所有选项都正确'
	},
	audit: {
		draftVersion: (title: string, version: number, from: number) => `新建问卷草稿：${title}（第 ${version} 版，复制自第 ${from} 版）`,
		itemAdded: (title: string, version: number, position: number) => `问卷“${title}”第 ${version} 版：新增第 ${position} 题`,
		itemEdited: (title: string, version: number, position: number) => `问卷“${title}”第 ${version} 版：修改第 ${position} 题`,
		itemDeleted: (title: string, version: number, position: number) => `问卷“${title}”第 ${version} 版：删除第 ${position} 题`,
		itemMoved: (title: string, version: number, position: number, target: number) => `问卷“${title}”第 ${version} 版：第 ${position} 题移到第 ${target} 题`,
		renamed: (version: number, title: string) => `问卷第 ${version} 版改名为“${title}”`,
		published: (title: string, version: number, items: number) => `发布问卷：${title}（第 ${version} 版，${items} 道题）`,
		surveyCreated: (title: string, code: string) => `新建调查：${title}（/s/${code}）`,
		surveyOpened: (open: boolean, title: string) => `${open ? '重新开放' : '结束'}调查：${title}`,
		fromCopy: (title: string, version: number) => `复制自“${title}”第 ${version} 版`,
		fromTemplate: '从模板开始',
		fromBlank: '空白',
		created: (title: string, kind: string, from: string, items: number) => `新建问卷：${title}（${kind}，${from}，${items} 道题）`,
		quizCreated: (lecture: string, title: string, items: number) => `为讲座“${lecture}”新建课前/课后小测验：${title}（从模板开始，${items} 道题）`,
		archived: (title: string) => `归档问卷：${title}（不能再用来开始新的调查，已有的答卷和结果保留）`,
		restored: (title: string) => `恢复使用问卷：${title}`,
		deleted: (title: string, kind: string, versions: number, unanswered: number) =>
			`删除问卷：${title}（${kind}，${versions} 个版本${unanswered ? `，连同还没有答卷的 ${unanswered} 个调查` : ''}）`
	},
	labels: {
		questionnaireKinds: {
			literacy: '健康素养',
			lecture_quiz: '讲座前后小测验',
			satisfaction: '满意度调查'
		},
		rating: {
			veryPleased: '非常满意',
			pleased: '满意',
			neutral: '一般',
			displeased: '不满意',
			veryDispleased: '非常不满意'
		},
		trueFalse: { true: '正确', false: '错误' },
		itemKinds: {
			true_false: '判断题',
			single_choice: '单选题',
			multiple_choice: '多选题',
			demographic: '基本情况',
			rating: '满意度题（5 级）'
		},
		demographics: {
			age: '年龄',
			sex: '性别',
			education: '文化程度',
			community: '所住社区'
		},
		notGiven: '未填写',
		noSite: '未指定站点',
		sheetSubmitted: '已提交',
		sheetAnswering: '答题中',
		sheetQuestion: (position: number, prompt: string) => `第${position}题 ${prompt}`,
		versionOption: (title: string, version: number) => `${title}（第 ${version} 版）`,
		copyOption: (title: string, organization: string, kind: string, version: number, archived: boolean) =>
			`复制：${title}（${organization}，${kind}，第 ${version} 版${archived ? '，已归档' : ''}）`,
		lectureQuizTitleHead: '讲座小测验：'
	},
	/** The templates' questions: content copied into a new questionnaire, which its organizer may then edit (templates.ts). */
	templates: {
		lectureQuiz: {
			keepTakingMedicine: '高血压、糖尿病这类慢性病确诊后大多要长期管理，觉得症状好了也不能自己停药。',
			lessSalt: {
				prompt: '做菜时怎样做能少吃盐？',
				options: ['多放酱油、蚝油提味', '用限盐勺，菜快出锅时再放盐', '多吃咸菜、腊肉下饭', '用菜汤拌饭']
			},
			briskWalking: '每周至少 5 天、每天 30 分钟左右的快走这类活动，对控制血压、血糖都有好处。',
			measureAtHome: {
				prompt: '在家自己测血压、血糖，下面哪种做法是对的？',
				options: ['没有不舒服就不用测', '按医生说的时间测，记在本子上，复诊时带给医生看', '只在家里有人生病时才测', '数值高了就自己加一倍的药']
			},
			supplementsCure: '听说某种保健品能“根治”慢性病，就可以把医生开的药停了。',
			trustedSource: {
				prompt: '想了解慢性病的知识，下面哪个来源最靠得住？',
				options: ['推销保健品的免费讲座', '朋友圈转发的偏方', '医院、社区卫生服务中心的医生', '电视购物广告']
			},
			quitSmoking: '抽烟会加重高血压、糖尿病的危害，什么年纪戒烟都有好处。',
			strokeSigns: {
				prompt: '家里老人突然说话不清、一侧手脚没力气，应该怎么做？',
				options: ['先睡一觉看看', '马上拨打 120，记下发病的时间', '自己多吃一片降压药', '扶他出去走走']
			}
		},
		satisfaction: {
			overall: '您对这次活动的总体安排满意吗？',
			clearExperts: '专家讲得清楚、容易听懂，您满意吗？',
			timeAndPlace: '您对活动的时间和地点满意吗？',
			registration: '您对报名和签到的方便程度满意吗？',
			staff: '您对现场工作人员和志愿者的服务满意吗？',
			useful: '这次学到的知识在日常生活里用得上，您满意吗？'
		},
		lectureQuizIntro: (items: number) => `讲座前和讲座后各答一次，共 ${items} 道题，大约 3 分钟。不记名，只用来看这次讲座讲得清不清楚。`,
		satisfactionIntro: (items: number) => `共 ${items} 道题，1 分钟就能答完。不记名，您的意见能帮我们把下一次活动办得更好。`
	}
};
