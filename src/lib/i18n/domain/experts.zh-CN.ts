/** What src/lib/server/experts/ says to people: refusals, audit summaries, labels. */
export const expertsZhCN = {
	fields: {
		name: '姓名',
		nameRequired: '请填写姓名',
		nameMax: '姓名不超过 20 字',
		chooseTitle: '请选择职称',
		chooseDepartment: '请选择科室',
		chooseHospital: '请选择所在医院',
		specialties: '擅长',
		specialtiesMax: '擅长最多填写 10 项',
		bio: '简介',
		bioMax: '简介不超过 500 字',
		emailInvalid: '邮箱格式不对，如 lijian@hospital.example',
		phoneInvalid: '电话格式不对，如 13812345678 或 023-65211001',
		departmentName: '科室名称',
		departmentNameRequired: '请填写科室名称，如 心内科',
		departmentNameMax: '科室名称不超过 20 字'
	},
	labels: {
		phoneOnFile: '（已登记）'
	},
	errors: {
		hospitalNotFound: '所选医院不存在',
		hospitalOutOfReach: '只能把专家放在您负责的医院',
		hospitalWrongKind: '专家应属于一家医院',
		departmentNotFound: '所选科室不存在',
		expertNotFound: '没有找到这位专家',
		departmentsAdminOnly: '只有系统管理员可以维护科室。',
		departmentNameTaken: (name: string) => `已有名为“${name}”的科室`,
		departmentNotFoundById: '没有找到这个科室'
	},
	audit: {
		created: (name: string, title: string) => `添加专家：${name} ${title}`,
		noChanges: '无变化',
		updated: (name: string, changes: string) => `修改专家资料：${name}（${changes}）`,
		deactivate: '停用',
		restore: '恢复',
		activeChanged: (action: string, name: string) => `${action}专家：${name}`,
		departmentRenamed: (from: string, to: string) => `科室改名：${from} → ${to}`,
		departmentCreated: (name: string) => `新增科室：${name}`
	}
};
