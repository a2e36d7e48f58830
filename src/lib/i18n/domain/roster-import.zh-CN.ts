/** What src/lib/server/roster-import/ says to people: refusals, audit summaries, labels. */
export const rosterImportZhCN = {
	/** Reading the file (parse.ts, xlsx.ts, columns.ts). */
	file: {
		tooLarge: (mb: number) => `文件超过 ${mb} MB。请把排班表拆成几个文件分次导入。`,
		oleOrPassword: '这是旧版 .xls 或设了密码的 Excel 文件，无法读取。请在 Excel 中“另存为” .xlsx（不设密码）或 .csv 后再导入。',
		notReallyXlsx: '这个文件的扩展名是 .xlsx，但内容不是 Excel 表格。请在 Excel 中重新“另存为” .xlsx 后再导入。',
		oldXls: '暂不支持旧版 .xls 文件。请在 Excel 中“另存为” .xlsx 或 .csv 后再导入。',
		unsupported: '只支持 .xlsx 或 .csv 文件。',
		empty: '文件是空的，请选择填好的排班表。',
		noContent: '表格里没有内容。',
		duplicateColumn: (a: string, b: string) => `表头中“${a}”和“${b}”是同一列，请只保留一列。`,
		missingColumns: (columns: string, headerRow: number) => `表格缺少这些列：${columns}。请对照模板检查第 ${headerRow} 行的表头。`,
		slotOrTimes: (slot: string) => `${slot}（或“开始时间”和“结束时间”）`,
		tooManyRows: (max: number, rows: number) => `一次最多导入 ${max} 行，这张表有 ${rows} 行。请拆成几个文件分次导入。`,
		unreadable: '无法读取这个 Excel 文件。请在 Excel 中另存为 .xlsx 或 .csv 后再试。',
		unpacksTooLarge: '这个 Excel 文件解压后过大，不像是一张排班表。请另存为 .csv 后再试。',
		tooManyCells: (rows: number, cells: number) =>
			`这个 Excel 文件展开后太大（超过 ${rows} 行或 ${cells} 个单元格）。请只保留排班表那一张工作表，删去空行空列后再导入。`,
		tooHeavy: '这个 Excel 文件展开后太大，读取时超出了限度。请只保留排班表那一张工作表，删去空行空列后再导入，或另存为 .csv。',
		noWorksheet: '这个 Excel 文件里没有工作表。'
	},
	/** A kept upload between checking and importing (uploads.ts). */
	upload: {
		missing: '没有找到刚才检查的文件（可能已经导入过）。请重新选择文件。',
		expired: (minutes: number) => `刚才检查的文件已超过 ${minutes} 分钟，请重新选择文件后再检查。`
	},
	/** One row's cells, as the checker reads them (interpret.ts). */
	row: {
		column: (label: string) => `“${label}”`,
		cell: (column: string, text: string) => `${column}中的“${text}”`,
		notFilled: (column: string) => `${column}没有填写`,
		departmentMissing: (cell: string, guess: string | null) => `${cell}不存在${guess ? `，是不是“${guess}”？` : ''}`,
		expertMissing: (cell: string) => `${cell}不存在，请先在工作台添加这位专家`,
		inactive: (cell: string) => `${cell}已停用，不能再安排坐诊`,
		expertOtherDepartment: (expert: string, department: string, cell: string) => `${expert}属于${department}，与${cell}不一致`,
		titleUnknown: (cell: string, titles: string) => `${cell}无法识别，应为 ${titles} 之一`,
		titleMismatch: (expert: string, title: string, cell: string) => `${expert}的职称是${title}，与${cell}不一致`,
		noExpertAtHospital: (cell: string, name: string) => `${cell}没有名叫“${name}”的专家`,
		namesakes: (where: string, count: number, name: string) => `${where}有 ${count} 位专家叫“${name}”，请填写“职称”或“医院”加以区分`,
		siteMissing: (cell: string, guess: string | null) => `${cell}不存在${guess ? `，是不是“${guess}”？` : '，请填写中心的全称'}`,
		weekdaysUnknown: (cell: string) => `${cell}无法识别，可填 周二、周四 或 周一至周五`,
		frequencyUnknown: (cell: string) => `${cell}无法识别，可填 每周、隔周、每月第一个 或 每月最后一个`,
		frequencyWeekdaysDiffer: (frequency: string, weekdays: string) => `${frequency}与${weekdays}的星期几不一致`,
		weekdaysFrequencyDiffer: (weekdays: string, frequency: string) => `${weekdays}与${frequency}不一致`,
		monthlyOneDay: (cell: string, days: number) => `“每月第几个”只能对应一个星期几，${cell}有 ${days} 天`,
		slotNotFilled: (column: string) => `${column}没有填写：可填 上午、下午 或 全天，或者填写“开始时间”和“结束时间”`,
		slotUnknown: (cell: string) => `${cell}无法识别，可填 上午、下午 或 全天`,
		startTimeInvalid: (cell: string) => `${cell}不是有效时间，应如 08:30`,
		endTimeInvalid: (cell: string) => `${cell}不是有效时间，应如 11:30`,
		fillBoth: (filled: string, missing: string) => `填写了${filled}，也请填写${missing}`,
		endNotAfterStart: (endColumn: string, end: string, startColumn: string, start: string) => `${endColumn}${end} 应晚于${startColumn}${start}`,
		validFromInvalid: (cell: string) => `${cell}不是有效日期，应如 2026-12-01`,
		validUntilInvalid: (cell: string) => `${cell}不是有效日期，应如 2027-06-30；长期有效请留空`,
		untilBeforeFrom: (untilColumn: string, until: string, fromColumn: string, from: string) => `${untilColumn}${until} 早于${fromColumn}${from}`,
		quotaInvalid: (cell: string, max: number) => `${cell}应为 0 到 ${max} 的整数；不限号源请留空`
	},
	/** Checking the sheet as a whole and importing it (import.ts, clashes.ts, access.ts). */
	errors: {
		organizersOnly: '只有组织者可以导入排班表',
		siteOfOther: (site: string, owner: string) => `「${site}」属于${owner}，不归您负责，您无权在这里安排坐诊`,
		siteNotYours: (site: string) => `您无权为「${site}」安排坐诊`,
		sameAsRow: (row: number) => `与第 ${row} 行完全相同，请删除其中一行`,
		noRows: '表格里没有可导入的行。',
		badRowsMany: (rows: string) => `${rows} 等行`,
		badRowsFew: (rows: string) => `${rows} 行`,
		needsFixing: (count: number, listed: string) => `有 ${count} 行需要修改，整张表都没有导入：第 ${listed}。`,
		outOfScope: (rows: number) =>
			`有 ${rows} 行的社区卫生服务中心不归您负责，整张表都没有导入。请删除这些行，或请该中心的组织者导入；也可以选择“只导入我负责的行”。`,
		noneInScope: '表中没有一行的社区卫生服务中心归您负责，没有可导入的行。'
	},
	clashes: {
		someExpert: '该专家',
		someSite: '该站点',
		booked: (expert: string, day: string, start: string, end: string, site: string) => `${expert} ${day} ${start}–${end} 已安排在${site}`,
		overlapsRow: (row: number, what: string) => `与第 ${row} 行时间重叠：${what}`,
		editInConsole: '；如要修改已有安排，请在工作台中编辑',
		withExisting: (what: string, hint: string) => `与已有坐诊安排冲突：${what}${hint}`,
		alsoRows: (rows: string) => `（同一时段还有第 ${rows} 行）`,
		rooms: (site: string, day: string, start: string, experts: number, rooms: number | null | undefined, alsoRows: string) =>
			`诊室不够：${site} ${day} ${start} 将有 ${experts} 位专家同时坐诊，但只有 ${rooms} 间诊室${alsoRows}`,
		days: (message: string, days: number) => `${message}（共 ${days} 天冲突）`
	},
	audit: {
		imported: (expert: string, when: string, site: string) => `导入坐诊安排：${expert} ${when} ${site}`
	},
	/** The downloadable template (template.ts). */
	template: {
		rosterSheet: '排班表',
		helpSheet: '填写说明',
		required: '必填',
		optional: '选填',
		eitherOr: '二选一',
		otherNames: (names: string) => `表头也可写作：${names}。`,
		how: {
			expert: '与工作台中的专家姓名一致。同名的专家请再填写“职称”，或加一列“医院”填写专家所在医院。',
			title: (titles: string) => `${titles}。只在有同名专家时需要。`,
			department: '不填时用专家所属科室；填写时须与工作台中的科室名称一致。',
			site: '坐诊的社区卫生服务中心（或卫生院、站点）全称，与工作台中的名称一致。',
			weekdays: '一行可以写多天：周二、周四；二、四；星期二；周一至周五。',
			slot: (am: string, pm: string, day: string) => `上午（${am}）、下午（${pm}）或全天（${day}）。填写了开始、结束时间时以时间为准。`,
			startTime: '24 小时制，如 08:30、14:00。与“结束时间”一起填写，代替“上午/下午”。',
			endTime: '24 小时制，须晚于开始时间。',
			validFrom: '第一次坐诊所在的日期起生效。可写 2026-12-01、2026/12/1 或 2026年12月1日。',
			validUntil: '最后一天（含）。不填表示长期有效。',
			quota: '每次坐诊放多少个号，0–500 的整数。不填表示不限。',
			frequency: '每周（不填即每周）、隔周，或 每月第一个/第二个/第三个/第四个/最后一个（这时“星期”只能填一天）。也可直接写“每月第一个周六”。'
		},
		notes: {
			rows: '每一行是一条坐诊安排。第一行是表头，列的顺序可以调整，不认识的列（如“备注”）会被忽略。',
			checks: '导入前会先检查每一行：专家、中心、科室是否存在，时间是否合理，同一位专家是否在同一时间被安排在两个地方，诊室是否够用。',
			allOrNothing: '只要有一行需要修改，整张表都不会导入；改好后重新上传即可。表中有不归您负责的中心时，也可以选择只导入您负责的行。',
			repeatable: '同一张表可以重复导入：已经导入过的行显示为“无变化”，不会重复创建。要修改已有的安排，请在工作台中编辑。',
			limits: (rows: number, mb: number) => `一次最多 ${rows} 行，文件不超过 ${mb} MB。支持 .xlsx 和 .csv（UTF-8 或 Excel 默认的 GBK 编码均可）。`,
			examples: '表中的两行灰色示例请在导入前删除或改成您自己的排班。'
		},
		exampleNote: '示例行：导入前请删除，或改成您自己的排班。',
		helpHeaders: { column: '列', required: '是否必填', how: '怎么填', example: '例子' },
		eitherOrNote: '“二选一”：填写“上午/下午”，或者填写“开始时间”和“结束时间”。',
		notesHeading: '说明'
	}
};
