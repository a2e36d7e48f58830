/**
 * The columns of a roster sheet and the header names organizers actually use for them. Headers are
 * matched after normalizing what Excel users type differently: full-width letters and brackets,
 * spaces, a required-field asterisk, and remarks in brackets such as “开始时间（如 08:30）”.
 */
import { dm } from '../../i18n/domain';

export const COLUMN_KEYS = [
	'expert',
	'title',
	'hospital',
	'department',
	'site',
	'weekdays',
	'slot',
	'startTime',
	'endTime',
	'validFrom',
	'validUntil',
	'quota',
	'frequency'
] as const;
export type ColumnKey = (typeof COLUMN_KEYS)[number];

/** The first alias is the name the template uses and messages fall back to. */
export const COLUMN_ALIASES: Record<ColumnKey, readonly string[]> = {
	expert: ['专家', '专家姓名', '姓名', '医生', '医生姓名'],
	title: ['职称'],
	hospital: ['医院', '所在医院', '派出医院', '单位', '工作单位'],
	department: ['科室', '科别'],
	site: ['社区卫生服务中心', '坐诊地点', '中心', '站点', '地点', '坐诊中心'],
	weekdays: ['星期', '坐诊日', '星期几', '周几'],
	slot: ['上午/下午', '上午下午', '上下午', '时段', '上午或下午'],
	startTime: ['开始时间', '起始时间'],
	endTime: ['结束时间', '截止时间'],
	validFrom: ['开始日期', '起始日期', '生效日期'],
	validUntil: ['结束日期', '截止日期', '有效期至'],
	quota: ['号源', '号源数', '号源数量'],
	frequency: ['频次', '规则', '频率', '重复']
};

/** What each column is called in this sheet: messages use the organizer's own header text. */
export type ColumnLabels = Record<ColumnKey, string>;

export const canonicalLabel = (key: ColumnKey): string => COLUMN_ALIASES[key][0]!;

export function defaultLabels(): ColumnLabels {
	return Object.fromEntries(COLUMN_KEYS.map((k) => [k, canonicalLabel(k)])) as ColumnLabels;
}

/**
 * NFKC turns full-width letters, digits, colons, commas and brackets into their ASCII forms and the
 * ideographic space into a plain one, so “（”, “：”, “０８：３０” need no special cases anywhere else.
 */
export const normalizeText = (text: string): string => text.normalize('NFKC').trim();

/** Names are compared without any spaces: Chinese sheets pad two-character names (“张　丽”) to align. */
export const compactName = (text: string): string => normalizeText(text).replace(/\s+/g, '');

function normalizeHeader(text: string): string {
	return compactName(text)
		.replace(/[*※]/g, '')
		.replace(/\([^)]*\)$|【[^】]*】$|\[[^\]]*\]$/, '')
		.replace(/[:：]$/, '');
}

const ALIAS_TO_KEY = new Map<string, ColumnKey>(
	COLUMN_KEYS.flatMap((key) => COLUMN_ALIASES[key].map((alias) => [normalizeHeader(alias), key] as const))
);

export function columnOfHeader(header: string): ColumnKey | null {
	return ALIAS_TO_KEY.get(normalizeHeader(header)) ?? null;
}

export interface HeaderMapping {
	/** Sheet column index (0-based) of each recognized column. */
	index: Partial<Record<ColumnKey, number>>;
	labels: ColumnLabels;
	/** Pairs of headers that mean the same column, e.g. 开始日期 and 起始日期. */
	duplicates: [string, string][];
}

export function mapHeader(cells: readonly string[]): HeaderMapping {
	const index: Partial<Record<ColumnKey, number>> = {};
	const labels = defaultLabels();
	const duplicates: [string, string][] = [];
	cells.forEach((cell, i) => {
		const key = columnOfHeader(cell);
		if (!key) return;
		const earlier = index[key];
		if (earlier !== undefined) {
			duplicates.push([cells[earlier]!.trim(), cell.trim()]);
			return;
		}
		index[key] = i;
		labels[key] = normalizeText(cell);
	});
	return { index, labels, duplicates };
}

/**
 * Required columns, by their template names. The time of day may come from 上午/下午 or from
 * 开始时间 + 结束时间; 科室 may be left out because every expert already belongs to one.
 */
export function missingColumns(index: HeaderMapping['index']): string[] {
	const missing: string[] = [];
	for (const key of ['expert', 'site', 'weekdays', 'validFrom'] as const) {
		if (index[key] === undefined) missing.push(canonicalLabel(key));
	}
	const hasTimes = index.startTime !== undefined && index.endTime !== undefined;
	if (index.slot === undefined && !hasTimes) missing.push(dm.rosterImport.file.slotOrTimes(canonicalLabel('slot')));
	return missing;
}
