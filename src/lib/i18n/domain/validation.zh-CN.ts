/** What a form field's check says when zod refuses it (zod-chinese.ts, validation.ts). */
export const validationZhCN = {
	maxChars: (n: string) => `不超过 ${n} 字`,
	minChars: (n: string) => `至少 ${n} 字`,
	maxItems: (n: string) => `不超过 ${n} 项`,
	minItems: (n: string) => `至少 ${n} 项`,
	atMost: (n: string) => `不能大于 ${n}`,
	atLeast: (n: string) => `不能小于 ${n}`,
	required: '请填写这一项',
	chooseOne: '请至少选择一项',
	badFormat: '填写的格式不对',
	chooseGiven: '请从给出的选项中选择',
	badEmail: '邮箱地址格式不对，如 name@example.com',
	wholeNumber: '请填写整数',
	otherwise: '填写的内容不符合要求，请检查后再提交',
	badDate: (label: string) => `${label}不是有效日期（如 2026-12-01）`,
	badTime: (label: string) => `${label}应为 24 小时制时间，如 08:30`
};
