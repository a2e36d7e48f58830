/** What src/lib/server/sites/ says to people: refusals, audit summaries, labels. */
export const sitesZhCN = {
	fields: {
		outOfRange: (label: string, min: number, max: number) => `${label}应在 ${min} 到 ${max} 之间`,
		name: '名称',
		nameRequired: '请填写站点全称',
		nameMax: '名称不超过 40 字',
		chooseKind: '请选择站点类型',
		address: '地址',
		addressRequired: '请填写详细地址，居民要按它找过来',
		addressMax: '地址不超过 100 字',
		phoneInvalid: '电话格式不对，如 023-65211001',
		openingHours: '开放时间',
		openingHoursMax: '开放时间不超过 100 字',
		directions: '交通说明',
		directionsMax: '交通说明不超过 200 字',
		rooms: '诊室数',
		latitude: '纬度',
		longitude: '经度'
	},
	errors: {
		parentNotFound: '所选上级单位不存在',
		parentOutOfReach: '只能在您负责的单位下新增站点',
		parentWrongKind: '上级单位应为医院或卫健委，不能是另一个站点',
		siteNotFound: '没有找到这个站点'
	},
	audit: {
		created: (name: string) => `新增站点：${name}`,
		noChanges: '无变化',
		updated: (name: string, changes: string) => `修改站点：${name}（${changes}）`,
		deactivate: '停用',
		restore: '恢复',
		activeChanged: (action: string, name: string) => `${action}站点：${name}`
	}
};
