/** The admin's system page (/console/system): what an operator watches, in Chinese. */
export const consoleSystemZhCN = {
	/** Said to a script as well as a person, so in both languages. */
	signInFirst: '请先登录 / sign in first',
	pageTitle: '系统状态 · 义诊',
	title: '系统状态',
	intro: '数据库、备份、邮件和短信队列、后台任务和磁盘。/healthz 只回答服务是否活着；这里说明是否一切正常。',
	asJson: '以 JSON 查看（给监控脚本）',
	checkedAt: (when: string) => `检查于 ${when}`,
	allWell: '一切正常。',
	attentionTitle: '需要留意',
	attention: {
		databaseUnreachable: '数据库无法访问：其余各项无法读取。',
		migrationsPending: '有尚未应用的数据库迁移：请运行 npm start 或 npm run db:migrate。',
		migrationsUnknown: '数据库里有本版本不认识的迁移：它来自更新的版本，请用那个版本运行。',
		noBackupYet: '还没有任何备份。',
		backupOld: '最新的备份已超过两个备份间隔：定时备份可能没有运行。',
		backupFailed: '最近一次备份失败，原因见“备份”。',
		backupsOff: '定时备份已关闭（BACKUP_EVERY=off），或备份设置有误（见日志）。',
		diskLow: '磁盘剩余空间不足 10% 或 1 GB。',
		deadMessages: '有不再重试的失败邮件或短信：请到“邮箱”或“短信”页面查看并重新发送。',
		messagesWaitingLong: '有邮件或短信已等待超过 1 小时仍未发出。',
		remindersLate: '提醒任务已超过 15 分钟没有运行。',
		retentionFailed: '最近一次保留期清理失败，原因见“保留期规则”。'
	},
	database: {
		title: '数据库',
		reachable: '可以访问',
		unreachable: '无法访问',
		file: (path: string) => `本机数据库文件：${path}`,
		server: (host: string) => `libSQL 服务器：${host}`,
		size: (size: string) => `大小（含 WAL）：${size}`,
		migrations: (applied: number, shipped: number) => `已应用迁移 ${applied} 个，本版本共有 ${shipped} 个。`,
		pending: (tags: string) => `待应用：${tags}`
	},
	backups: {
		title: '备份',
		scheduled: (every: string, keep: number) => `每 ${every}备份一次，保留最近 ${keep} 份，另保留一周内每天一份、一个月内每周一份；升级前和恢复前的副本各保留最近 3 份。`,
		off: '定时备份已关闭（BACKUP_EVERY=off）。npm run db:backup 仍可手动备份。',
		server: '数据库是 libSQL 服务器，本机不做备份：请使用服务器自身的快照或副本（如 Turso 的时间点恢复、sqld 的副本）。',
		config: 'BACKUP_EVERY、BACKUP_KEEP 或 BACKUP_DIR 的值无法识别，定时备份没有启动（原因见日志）。',
		dir: (dir: string) => `备份目录：${dir}`,
		newest: (when: string, age: string, size: string) => `最新备份：${when}（${age}前），${size}`,
		none: '还没有备份。',
		copies: (n: number, size: string) => `共 ${n} 份，合计 ${size}。`,
		lastFailed: (when: string, error: string) => `${when} 备份失败：${error}`,
		howTo: '立即备份：npm run db:backup。恢复：先停止服务器，再运行 npm run db:restore <备份文件>，被替换的数据库会另存一份。'
	},
	outbox: {
		title: '邮件和短信队列',
		channel: '渠道',
		mail: '邮件',
		sms: '短信',
		pending: '待发送',
		sending: '发送中',
		retrying: '失败后重试中',
		dead: '不再重试',
		oldest: '最早一条已等待',
		none: '—'
	},
	jobs: {
		title: '后台任务',
		reminders: '活动前一天的提醒和每周摘要（每 5 分钟）',
		retention: '保留期清理（每天）',
		backup: '备份',
		lastRun: (when: string, ok: boolean) => `上次运行：${when}，${ok ? '成功' : '失败'}`,
		remindersDid: (residents: number, volunteers: number, digests: number) => `提醒居民 ${residents} 人、志愿者 ${volunteers} 人，每周摘要 ${digests} 封。`,
		never: '尚无记录：这个版本启动后还没有运行过，或者运行后台任务的进程设置了 OUTBOX_WORKER=off。',
		failed: (error: string) => `原因：${error}`,
		thisProcess: (on: boolean) => (on ? '本进程运行后台任务。' : '本进程不运行后台任务（WEB_PROCESSES > 1 时由 1 号工作进程运行）。')
	},
	retention: {
		title: '保留期规则',
		note: '个人信息按登记时的承诺按期删除或抹去。下面的规则由每天的保留期清理执行：',
		rules: {
			registrations: '活动报名的个人信息：活动日期满一年后，抹去姓名、手机号、社区和邮箱（保留不含个人信息的报名记录用于统计），并断开问卷答卷与报名的关联。',
			calendarItems: (days: number) => `日历订阅的条目记录：日期早于 ${days} 天前的删除（已离开所有订阅的时间范围，FEED_DAYS_BACK 加 1 天）。`,
			follows: '停诊提醒的关注：停止或到期满 30 天后删除。'
		},
		asTheyGoNote: '以下数据在使用时顺便清理，不由每天的任务执行：',
		asTheyGo: {
			phoneCodes: '短信验证码：发出 2 天后删除。',
			phoneSessions: '手机验证后的查询会话：到期后删除。',
			loginFailures: '登录失败记录：24 小时后删除。',
			rosterUploads: '导入名单时暂存的文件：30 分钟后删除。'
		},
		lastRun: (when: string, registrations: number, calendarItems: number, follows: number) =>
			`上次运行：${when}，抹去 ${registrations} 条报名的个人信息，删除 ${calendarItems} 条日历条目、${follows} 条停诊提醒关注。`,
		never: '尚无记录：这个版本启动后还没有运行过。'
	},
	disks: {
		title: '磁盘',
		row: (path: string, free: string, total: string, percent: number) => `${path}：剩余 ${free}，共 ${total}（${percent}% 可用）`
	},
	process: {
		title: '进程',
		row: (pid: number, uptime: string, memory: string, node: string) => `进程 ${pid}，已运行 ${uptime}，内存 ${memory}，Node ${node}`
	},
	adminOnly: '只有系统管理员可以查看系统状态。'
};
