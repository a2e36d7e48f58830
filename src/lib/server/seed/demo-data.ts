/**
 * The demo district, modelled on the seed articles: 沙坪坝区 has 16 community health service centers,
 * a lead hospital (医共体总院) and specialists who rotate into the centers on fixed days. Names and
 * addresses are plausible, not real people or real phone numbers.
 *
 * Everything here is data; `seed-demo.ts` turns it into rows through the same domain functions the
 * console uses, so the demo can never hold what the app itself would reject.
 */
import type { EXPERT_TITLES } from '../db/schema';

export type HospitalKey = 'rm' | 'zy' | 'cjq';
type Title = (typeof EXPERT_TITLES)[number];

export const COMMISSION = { key: 'commission', name: '重庆市沙坪坝区卫生健康委员会', shortName: '沙坪坝区卫健委' };

export const HOSPITALS: {
	key: HospitalKey;
	name: string;
	shortName: string;
	kind: 'lead_hospital' | 'hospital';
	/** Which weekday's roster a swapped working day (调休上班日) follows; null = no sittings that day. */
	swapDayFollowsWeekday: number | null;
}[] = [
	{ key: 'rm', name: '重庆市沙坪坝区人民医院', shortName: '区人民医院', kind: 'lead_hospital', swapDayFollowsWeekday: 1 },
	{ key: 'zy', name: '重庆市沙坪坝区中医院', shortName: '区中医院', kind: 'hospital', swapDayFollowsWeekday: null },
	{ key: 'cjq', name: '重庆市沙坪坝区陈家桥医院', shortName: '陈家桥医院', kind: 'hospital', swapDayFollowsWeekday: 5 }
];

/** A date-specific choice: 区人民医院 runs Friday's roster on Saturday 10 October 2026. */
export const SWAP_DAY_CHOICES = [{ hospital: 'rm' as HospitalKey, date: '2026-10-10', followsWeekday: 5 }];

const WEEKDAY_HOURS = '周一至周五 8:00–12:00，14:00–17:30；周六上午 8:30–12:00';

export interface DemoCenter {
	key: string;
	name: string;
	hospital: HospitalKey;
	address: string;
	phone: string;
	latitude: number;
	longitude: number;
	rooms: number;
	/** How to get there; made up for the demo, in the way a center would write it. */
	directions?: string;
}

export const CENTERS: DemoCenter[] = [
	{ key: 'xinqiao', name: '新桥社区卫生服务中心', hospital: 'rm', address: '重庆市沙坪坝区新桥正街 116 号', phone: '023-65211001', latitude: 29.5386, longitude: 106.4431, rooms: 3, directions: '公交 218、236 路新桥站下车，沿新桥正街往医院方向步行约 3 分钟' },
	{ key: 'tianxingqiao', name: '天星桥社区卫生服务中心', hospital: 'rm', address: '重庆市沙坪坝区天星桥正街 45 号', phone: '023-65211002', latitude: 29.5531, longitude: 106.4582, rooms: 2, directions: '轨道交通 1 号线天星桥站 3 号出口，步行约 5 分钟；公交 210 路天星桥站' },
	{ key: 'xiaolongkan', name: '小龙坎社区卫生服务中心', hospital: 'rm', address: '重庆市沙坪坝区小龙坎新街 88 号', phone: '023-65211003', latitude: 29.5577, longitude: 106.4621, rooms: 2, directions: '轨道交通 1 号线小龙坎站 1 号出口，步行约 4 分钟' },
	{ key: 'yubeilu', name: '渝碚路社区卫生服务中心', hospital: 'rm', address: '重庆市沙坪坝区渝碚路 132 号', phone: '023-65211004', latitude: 29.5498, longitude: 106.4529, rooms: 2 },
	{ key: 'ciqikou', name: '磁器口社区卫生服务中心', hospital: 'rm', address: '重庆市沙坪坝区磁南街 17 号', phone: '023-65211005', latitude: 29.5798, longitude: 106.4502, rooms: 2, directions: '轨道交通 1 号线磁器口站 2 号出口，过马路直行约 6 分钟；中心门口有台阶，行动不便请走右侧坡道' },
	{ key: 'tongjiaqiao', name: '童家桥社区卫生服务中心', hospital: 'rm', address: '重庆市沙坪坝区童家桥正街 9 号', phone: '023-65211006', latitude: 29.5841, longitude: 106.4559, rooms: 2 },
	{ key: 'shijingpo', name: '石井坡社区卫生服务中心', hospital: 'rm', address: '重庆市沙坪坝区石井坡中心湾 21 号', phone: '023-65211007', latitude: 29.5922, longitude: 106.4597, rooms: 2 },
	{ key: 'zhanjiaxi', name: '詹家溪社区卫生服务中心', hospital: 'rm', address: '重庆市沙坪坝区詹家溪路 63 号', phone: '023-65211008', latitude: 29.5663, longitude: 106.4687, rooms: 2 },
	{ key: 'qinjiagang', name: '覃家岗社区卫生服务中心', hospital: 'zy', address: '重庆市沙坪坝区覃家岗正街 201 号', phone: '023-65211009', latitude: 29.5301, longitude: 106.4482, rooms: 2 },
	{ key: 'tuwan', name: '土湾社区卫生服务中心', hospital: 'zy', address: '重庆市沙坪坝区土湾正街 56 号', phone: '023-65211010', latitude: 29.5612, longitude: 106.4734, rooms: 2 },
	{ key: 'shandong', name: '山洞社区卫生服务中心', hospital: 'zy', address: '重庆市沙坪坝区山洞正街 12 号', phone: '023-65211011', latitude: 29.5489, longitude: 106.4126, rooms: 2, directions: '公交 216、262 路山洞站下车，步行约 2 分钟' },
	{ key: 'geleshan', name: '歌乐山社区卫生服务中心', hospital: 'zy', address: '重庆市沙坪坝区歌乐山镇街道 3 号', phone: '023-65211012', latitude: 29.5573, longitude: 106.4276, rooms: 2 },
	{ key: 'jingkou', name: '井口社区卫生服务中心', hospital: 'cjq', address: '重庆市沙坪坝区井口镇美丽山水街 38 号', phone: '023-65211013', latitude: 29.6193, longitude: 106.4488, rooms: 2, directions: '公交 229 路井口站下车，沿美丽街步行约 5 分钟' },
	{ key: 'lianfang', name: '联芳社区卫生服务中心', hospital: 'cjq', address: '重庆市沙坪坝区联芳路 77 号', phone: '023-65211014', latitude: 29.5176, longitude: 106.4552, rooms: 2 },
	{ key: 'xiyong', name: '西永社区卫生服务中心', hospital: 'cjq', address: '重庆市沙坪坝区西永大道 168 号', phone: '023-65211015', latitude: 29.5869, longitude: 106.3052, rooms: 2 },
	{ key: 'fenghuang', name: '凤凰社区卫生服务中心', hospital: 'cjq', address: '重庆市沙坪坝区凤凰镇凤凰路 25 号', phone: '023-65211016', latitude: 29.6521, longitude: 106.3298, rooms: 2 }
];

export const CENTER_OPENING_HOURS = WEEKDAY_HOURS;

export const DEPARTMENTS = [
	'心内科',
	'康复科',
	'内分泌科',
	'呼吸内科',
	'消化内科',
	'神经内科',
	'骨科',
	'儿科',
	'妇科',
	'眼科',
	'中医科',
	'老年病科'
] as const;
export type DepartmentName = (typeof DEPARTMENTS)[number];

export interface DemoExpert {
	key: string;
	name: string;
	title: Title;
	department: DepartmentName;
	hospital: HospitalKey;
	specialties: string[];
	bio?: string;
}

export const EXPERTS: DemoExpert[] = [
	{ key: 'chenzhiming', name: '陈志明', title: '主任医师', department: '心内科', hospital: 'rm', specialties: ['高血压', '冠心病', '心力衰竭'], bio: '从事心血管内科临床工作 28 年，擅长高血压、冠心病的规范诊治和长期管理。' },
	{ key: 'liuxiaoyan', name: '刘晓燕', title: '副主任医师', department: '心内科', hospital: 'rm', specialties: ['心律失常', '高血压'], bio: '擅长心律失常的诊断与药物治疗，长期参与社区高血压患者随访。' },
	{ key: 'wangjianguo', name: '王建国', title: '副主任医师', department: '心内科', hospital: 'zy', specialties: ['冠心病', '高脂血症'], bio: '中西医结合治疗冠心病、高脂血症，注重生活方式指导。' },
	{ key: 'zhangli', name: '张丽', title: '主治医师', department: '心内科', hospital: 'rm', specialties: ['高血压'] },
	{ key: 'yangfan', name: '杨帆', title: '住院医师', department: '心内科', hospital: 'rm', specialties: [] },
	{ key: 'likangning', name: '李康宁', title: '副主任医师', department: '康复科', hospital: 'rm', specialties: ['脑卒中康复', '颈肩腰腿痛'], bio: '从事康复医学 20 年，擅长脑卒中后肢体功能康复和慢性疼痛的康复治疗。' },
	{ key: 'zhoumin', name: '周敏', title: '主治医师', department: '康复科', hospital: 'zy', specialties: ['运动损伤康复'] },
	{ key: 'wuting', name: '吴婷', title: '住院医师', department: '康复科', hospital: 'rm', specialties: [] },
	{ key: 'huangxiuying', name: '黄秀英', title: '主任医师', department: '内分泌科', hospital: 'rm', specialties: ['糖尿病', '甲状腺疾病'], bio: '擅长糖尿病及其并发症的综合管理、甲状腺结节和甲亢的诊治。' },
	{ key: 'zhaolei', name: '赵磊', title: '副主任医师', department: '内分泌科', hospital: 'cjq', specialties: ['糖尿病', '骨质疏松'] },
	{ key: 'sunqian', name: '孙倩', title: '主治医师', department: '内分泌科', hospital: 'rm', specialties: ['糖尿病饮食指导'] },
	{ key: 'hewei', name: '何伟', title: '主任医师', department: '呼吸内科', hospital: 'rm', specialties: ['慢阻肺', '哮喘'], bio: '擅长慢性阻塞性肺疾病、支气管哮喘的诊治与肺功能评估。' },
	{ key: 'luojing', name: '罗静', title: '副主任医师', department: '呼吸内科', hospital: 'cjq', specialties: ['肺部感染', '慢性咳嗽'] },
	{ key: 'zhenghao', name: '郑浩', title: '主治医师', department: '呼吸内科', hospital: 'rm', specialties: ['戒烟门诊'] },
	{ key: 'xiehong', name: '谢红', title: '副主任医师', department: '消化内科', hospital: 'rm', specialties: ['胃炎', '消化性溃疡'] },
	{ key: 'machao', name: '马超', title: '主治医师', department: '消化内科', hospital: 'cjq', specialties: ['功能性胃肠病'] },
	{ key: 'hanxue', name: '韩雪', title: '副主任医师', department: '消化内科', hospital: 'zy', specialties: ['脂肪肝', '慢性肝病'] },
	{ key: 'fengtao', name: '冯涛', title: '主任医师', department: '神经内科', hospital: 'rm', specialties: ['脑血管病', '头痛', '眩晕'], bio: '擅长脑梗死的二级预防、头痛和眩晕的诊治。' },
	{ key: 'dengxiaohong', name: '邓小红', title: '副主任医师', department: '神经内科', hospital: 'rm', specialties: ['帕金森病', '睡眠障碍'] },
	{ key: 'caoyang', name: '曹阳', title: '住院医师', department: '神经内科', hospital: 'cjq', specialties: [] },
	{ key: 'pengyong', name: '彭勇', title: '主任医师', department: '骨科', hospital: 'rm', specialties: ['骨关节炎', '关节置换'], bio: '擅长膝髋关节疾病的诊治，开展关节置换手术 2000 余例。' },
	{ key: 'zengqiang', name: '曾强', title: '副主任医师', department: '骨科', hospital: 'rm', specialties: ['颈椎病', '腰椎间盘突出'] },
	{ key: 'tangjun', name: '唐军', title: '副主任医师', department: '骨科', hospital: 'cjq', specialties: ['创伤骨科', '骨折康复'] },
	{ key: 'xubin', name: '许斌', title: '主治医师', department: '骨科', hospital: 'rm', specialties: ['骨质疏松'] },
	{ key: 'jiangfeng', name: '蒋峰', title: '主治医师', department: '骨科', hospital: 'cjq', specialties: ['运动损伤'] },
	{ key: 'dongdan', name: '董丹', title: '副主任医师', department: '儿科', hospital: 'rm', specialties: ['小儿呼吸道疾病', '儿童保健'] },
	{ key: 'yuanfang', name: '袁芳', title: '主治医师', department: '儿科', hospital: 'zy', specialties: ['小儿推拿'] },
	{ key: 'panlin', name: '潘琳', title: '住院医师', department: '儿科', hospital: 'rm', specialties: [] },
	{ key: 'tianyumei', name: '田玉梅', title: '主任医师', department: '妇科', hospital: 'rm', specialties: ['更年期保健', '妇科内分泌'], bio: '擅长更年期综合征、月经失调的诊治，长期参加社区两癌筛查。' },
	{ key: 'dujuan', name: '杜娟', title: '副主任医师', department: '妇科', hospital: 'cjq', specialties: ['宫颈疾病筛查'] },
	{ key: 'caimin', name: '蔡敏', title: '主治医师', department: '妇科', hospital: 'rm', specialties: [] },
	{ key: 'chengli', name: '程立', title: '副主任医师', department: '眼科', hospital: 'rm', specialties: ['白内障', '青光眼'] },
	{ key: 'huna', name: '胡娜', title: '主治医师', department: '眼科', hospital: 'cjq', specialties: ['眼底病筛查'] },
	{ key: 'qianming', name: '钱明', title: '住院医师', department: '眼科', hospital: 'rm', specialties: [] },
	{ key: 'zhongzhenghua', name: '钟正华', title: '主任医师', department: '中医科', hospital: 'zy', specialties: ['中医内科', '针灸'], bio: '重庆市名中医，擅长针药结合治疗失眠、慢性胃病和颈肩腰腿痛。' },
	{ key: 'wangqin', name: '汪琴', title: '副主任医师', department: '中医科', hospital: 'zy', specialties: ['推拿', '颈椎病'] },
	{ key: 'rensiyuan', name: '任思远', title: '主治医师', department: '中医科', hospital: 'zy', specialties: ['中医体质调理'] },
	{ key: 'weilan', name: '魏兰', title: '住院医师', department: '中医科', hospital: 'zy', specialties: [] },
	{ key: 'hejianping', name: '贺建平', title: '主任医师', department: '老年病科', hospital: 'rm', specialties: ['老年综合评估', '多病共存'], bio: '擅长老年人多病共存的用药管理和跌倒、失能风险评估。' },
	{ key: 'fanliping', name: '范丽萍', title: '副主任医师', department: '老年病科', hospital: 'zy', specialties: ['老年营养', '失能评估'] }
];

type Weekday = 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU';
export const MORNING = { startTime: '08:30', endTime: '11:30' } as const;
export const AFTERNOON = { startTime: '14:00', endTime: '17:00' } as const;
export const FULL_DAY = { startTime: '08:30', endTime: '17:00' } as const;

export interface DemoRotation {
	key: string;
	expert: string;
	center: string;
	/** An RRULE without DTSTART; the rotation starts on the Monday 12 weeks before the demo's today. */
	rrule: string;
	slot: { startTime: string; endTime: string };
	quota: number;
	note?: string;
	/** Ends this many weeks after the demo's Monday (a seasonal clinic). */
	endsAfterWeeks?: number;
}

const weekly = (day: Weekday) => `FREQ=WEEKLY;BYDAY=${day}`;

export const ROTATIONS: DemoRotation[] = [
	// The 康复科 expert at 新桥 every Tuesday and Thursday morning (seed 000).
	{ key: 'xinqiao-kangfu', expert: 'likangning', center: 'xinqiao', rrule: 'FREQ=WEEKLY;BYDAY=TU,TH', slot: MORNING, quota: 20 },
	{ key: 'xinqiao-xinnei', expert: 'zhangli', center: 'xinqiao', rrule: weekly('WE'), slot: AFTERNOON, quota: 25 },

	// Four centers, each covered by specialists two days a week (seed 001).
	{ key: 'tianxingqiao-mo', expert: 'chenzhiming', center: 'tianxingqiao', rrule: weekly('MO'), slot: MORNING, quota: 30 },
	{ key: 'tianxingqiao-we', expert: 'huangxiuying', center: 'tianxingqiao', rrule: weekly('WE'), slot: MORNING, quota: 30 },
	{ key: 'xiaolongkan-tu', expert: 'liuxiaoyan', center: 'xiaolongkan', rrule: weekly('TU'), slot: MORNING, quota: 30 },
	{ key: 'xiaolongkan-fr', expert: 'hewei', center: 'xiaolongkan', rrule: weekly('FR'), slot: MORNING, quota: 30 },
	{ key: 'yubeilu-we', expert: 'fengtao', center: 'yubeilu', rrule: weekly('WE'), slot: AFTERNOON, quota: 25 },
	{ key: 'yubeilu-th', expert: 'wangjianguo', center: 'yubeilu', rrule: weekly('TH'), slot: MORNING, quota: 25 },
	{ key: 'ciqikou-mo', expert: 'tianyumei', center: 'ciqikou', rrule: weekly('MO'), slot: AFTERNOON, quota: 25 },
	{ key: 'ciqikou-th', expert: 'zhongzhenghua', center: 'ciqikou', rrule: weekly('TH'), slot: AFTERNOON, quota: 25 },

	// Monday to Friday, one 骨科 expert a day, all day (seed 004's 值班表).
	{ key: 'tongjiaqiao-mo', expert: 'pengyong', center: 'tongjiaqiao', rrule: weekly('MO'), slot: FULL_DAY, quota: 40 },
	{ key: 'tongjiaqiao-tu', expert: 'zengqiang', center: 'tongjiaqiao', rrule: weekly('TU'), slot: FULL_DAY, quota: 40 },
	{ key: 'tongjiaqiao-we', expert: 'tangjun', center: 'tongjiaqiao', rrule: weekly('WE'), slot: FULL_DAY, quota: 40 },
	{ key: 'tongjiaqiao-th', expert: 'xubin', center: 'tongjiaqiao', rrule: weekly('TH'), slot: FULL_DAY, quota: 40 },
	{ key: 'tongjiaqiao-fr', expert: 'jiangfeng', center: 'tongjiaqiao', rrule: weekly('FR'), slot: FULL_DAY, quota: 40 },

	// Every 副主任医师-or-above expert sits at least one day a week somewhere.
	{ key: 'qinjiagang-tu', expert: 'xiehong', center: 'qinjiagang', rrule: weekly('TU'), slot: MORNING, quota: 25 },
	{ key: 'qinjiagang-th', expert: 'wangqin', center: 'qinjiagang', rrule: weekly('TH'), slot: AFTERNOON, quota: 20 },
	{ key: 'tuwan-we', expert: 'hanxue', center: 'tuwan', rrule: weekly('WE'), slot: MORNING, quota: 25 },
	{ key: 'shandong-mo', expert: 'fanliping', center: 'shandong', rrule: weekly('MO'), slot: MORNING, quota: 20 },
	{ key: 'shandong-th', expert: 'dengxiaohong', center: 'shandong', rrule: weekly('TH'), slot: MORNING, quota: 20 },
	{ key: 'geleshan-fr', expert: 'dongdan', center: 'geleshan', rrule: weekly('FR'), slot: MORNING, quota: 25 },
	{ key: 'jingkou-mo', expert: 'dujuan', center: 'jingkou', rrule: weekly('MO'), slot: MORNING, quota: 25 },
	{ key: 'jingkou-th', expert: 'luojing', center: 'jingkou', rrule: weekly('TH'), slot: MORNING, quota: 25 },
	{ key: 'lianfang-tu', expert: 'chengli', center: 'lianfang', rrule: weekly('TU'), slot: AFTERNOON, quota: 20 },
	{ key: 'xiyong-we', expert: 'hejianping', center: 'xiyong', rrule: weekly('WE'), slot: MORNING, quota: 20 },
	{ key: 'fenghuang-tu', expert: 'zhaolei', center: 'fenghuang', rrule: weekly('TU'), slot: MORNING, quota: 25 },

	// Less regular patterns: every other week, the first Saturday of the month, and a seasonal clinic.
	{ key: 'shijingpo-biweekly', expert: 'zhaolei', center: 'shijingpo', rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=WE', slot: MORNING, quota: 25, note: '隔周周三上午' },
	{ key: 'ciqikou-first-saturday', expert: 'rensiyuan', center: 'ciqikou', rrule: 'FREQ=MONTHLY;BYDAY=1SA', slot: { startTime: '09:00', endTime: '11:30' }, quota: 30, note: '每月第一个周六上午，中医体质辨识' },
	{ key: 'zhanjiaxi-winter', expert: 'luojing', center: 'zhanjiaxi', rrule: weekly('FR'), slot: AFTERNOON, quota: 30, note: '冬季呼吸道疾病高发期门诊', endsAfterWeeks: 16 },
	{ key: 'shijingpo-fr', expert: 'sunqian', center: 'shijingpo', rrule: weekly('FR'), slot: AFTERNOON, quota: 25 },
	{ key: 'geleshan-we', expert: 'zhoumin', center: 'geleshan', rrule: weekly('WE'), slot: AFTERNOON, quota: 15 },
	{ key: 'zhanjiaxi-mo', expert: 'zhenghao', center: 'zhanjiaxi', rrule: weekly('MO'), slot: AFTERNOON, quota: 20, note: '戒烟门诊' },
	{ key: 'lianfang-th', expert: 'machao', center: 'lianfang', rrule: weekly('TH'), slot: MORNING, quota: 20 },
	{ key: 'xiyong-fr', expert: 'huna', center: 'xiyong', rrule: weekly('FR'), slot: MORNING, quota: 20 },
	{ key: 'tuwan-tu', expert: 'yuanfang', center: 'tuwan', rrule: weekly('TU'), slot: AFTERNOON, quota: 20 },
	{ key: 'fenghuang-th', expert: 'caimin', center: 'fenghuang', rrule: weekly('TH'), slot: AFTERNOON, quota: 20 }
];

/** Changes in the demo's current week: what residents must see marked, never silently missing. */
export const THIS_WEEK_CANCELLATIONS = [
	{ rotation: 'xiaolongkan-fr', reason: '专家参加市级学术会议，本次停诊' },
	{ rotation: 'yubeilu-we', reason: '专家医院内临时手术安排，本次停诊' },
	{ rotation: 'geleshan-fr', reason: '专家外出培训，本次停诊' }
];
export const THIS_WEEK_SUBSTITUTION = {
	rotation: 'tianxingqiao-we',
	substitute: 'sunqian',
	reason: '黄秀英主任外出会诊，由孙倩医师代诊'
};
/** Next week: one sitting moved to the afternoon, and an expert on leave whose day needs cover. */
export const NEXT_WEEK_TIME_CHANGE = { rotation: 'yubeilu-th', slot: AFTERNOON, reason: '上午院内会诊，改为下午' };
export const NEXT_WEEK_LEAVE = { expert: 'zengqiang', fromWeekday: 1, toWeekday: 3, reason: '外出进修' };

/**
 * The 下沉 commitments 区人民医院 is measured on, worded as the Baijiantan 医共体 commits them:
 * "技术骨干…平均每周2天在4个中心进行坐诊…副高级以上专家每周至少有1天会在社区卫生服务中心坐诊", and 新桥's
 * 康复科 twice a week (seed 000). Against the rotations above they fall short in the demo's weeks:
 * 石井坡 sees a 副高 only every other week, and this week's cancellations leave two centers one day.
 */
export const COVERAGE_TARGETS: {
	key: string;
	hospital: HospitalKey;
	kind: 'site_days_per_week' | 'site_senior_days_per_week' | 'department_halfdays_per_month';
	center?: string;
	department?: DepartmentName;
	minTitle?: Title;
	minimum: number;
	holidayRule: 'pro_rata' | 'exempt';
	note: string;
}[] = [
	{ key: 'rm-specialist-days', hospital: 'rm', kind: 'site_days_per_week', minimum: 2, holidayRule: 'pro_rata', note: '技术骨干平均每周2天在社区中心坐诊、教学及指导（参照白碱滩区医共体）' },
	{ key: 'rm-senior-days', hospital: 'rm', kind: 'site_senior_days_per_week', minTitle: '副主任医师', minimum: 1, holidayRule: 'exempt', note: '副高级以上专家每周至少有1天在社区卫生服务中心坐诊（参照白碱滩区医共体）' },
	{ key: 'rm-xinqiao-kangfu', hospital: 'rm', kind: 'department_halfdays_per_month', center: 'xinqiao', department: '康复科', minimum: 8, holidayRule: 'pro_rata', note: '康复科专家每周2次到新桥坐诊' }
];

/**
 * Demo logins, printed by `npm start` and listed in the README. One shared password, because these
 * accounts exist only in the demo database; production starts with SEED_DEMO=never.
 */
export const DEMO_PASSWORD = 'yizhen-demo-2026';
export type DemoRole = 'admin' | 'organizer' | 'expert' | 'volunteer';
export const DEMO_ACCOUNTS: {
	email: string;
	name: string;
	role: DemoRole;
	/** Hospital whose subtree an organizer or volunteer works in. */
	hospital?: HospitalKey;
	/** The expert record an expert account is. */
	expert?: string;
	label: string;
}[] = [
	{ email: 'admin@yizhen.example', name: '系统管理员', role: 'admin', label: '系统管理员' },
	{ email: 'organizer@yizhen.example', name: '周晓梅', role: 'organizer', hospital: 'rm', label: '组织者（区人民医院及其 8 个社区中心）' },
	{ email: 'organizer.cjq@yizhen.example', name: '刘建华', role: 'organizer', hospital: 'cjq', label: '组织者（陈家桥医院及其 4 个社区中心）' },
	{ email: 'expert@yizhen.example', name: '李康宁', role: 'expert', expert: 'likangning', label: '专家（康复科 李康宁）' },
	{ email: 'volunteer@yizhen.example', name: '王芳', role: 'volunteer', hospital: 'rm', label: '志愿者（区人民医院）' }
];

/** The weekly free clinic series (seed 000: 440 numbered clinics a year) and a few lectures. */
export const DEMO_SERIES = { key: 'weekend-clinic', name: '沙坪坝周末义诊', hospital: 'rm' as HospitalKey, nextIssue: 441 };
export const DEMO_EVENTS: {
	key: string;
	kind: 'free_clinic' | 'lecture';
	/** Days after the demo's Monday. */
	dayOffset: number;
	center: string;
	title: string;
	startTime: string;
	endTime: string;
	capacity: number | null;
	series?: boolean;
	services?: string[];
	departments?: string[];
	experts?: string[];
	whatToBring?: string;
	topic?: string;
	audience?: string;
	speaker?: string;
	cancelReason?: string;
	/** 导诊, 登记 …: what the event needs volunteers for, and how many of each. */
	volunteerRoles?: [name: string, needed: number][];
	/** How many residents have already signed up (a full lecture shows the waitlist). */
	registrants?: number;
}[] = [
	{ key: 'clinic-this-saturday', kind: 'free_clinic', dayOffset: 5, center: 'ciqikou', title: '周末义诊：心血管和慢病咨询', startTime: '08:30', endTime: '11:30', capacity: 120, series: true, services: ['量血压', '测血糖', '心电图', '用药咨询'], departments: ['心内科', '内分泌科'], experts: ['chenzhiming', 'huangxiuying'], whatToBring: '医保卡、近期的检查报告和正在吃的药', volunteerRoles: [['导诊', 4], ['登记', 2], ['测血压', 3], ['秩序维护', 2]], registrants: 36 },
	{ key: 'clinic-next-saturday', kind: 'free_clinic', dayOffset: 12, center: 'tianxingqiao', title: '周末义诊：骨关节和中医理疗', startTime: '08:30', endTime: '11:30', capacity: 100, series: true, services: ['骨密度筛查', '中医推拿', '针灸咨询'], departments: ['骨科', '中医科'], experts: ['pengyong', 'wangqin'], whatToBring: '医保卡；穿宽松的衣服', volunteerRoles: [['导诊', 3], ['登记', 2], ['秩序维护', 2]], registrants: 12 },
	{ key: 'lecture-hypertension', kind: 'lecture', dayOffset: 9, center: 'xinqiao', title: '高血压的家庭自我管理', startTime: '14:30', endTime: '16:00', capacity: 40, topic: '在家怎样正确量血压、按时吃药、调整饮食', audience: '高血压患者及家属', speaker: 'chenzhiming', volunteerRoles: [['签到', 1], ['会场引导', 1]], registrants: 18 },
	{ key: 'lecture-falls', kind: 'lecture', dayOffset: 16, center: 'shandong', title: '老年人防跌倒', startTime: '09:30', endTime: '10:30', capacity: 30, topic: '居家防跌倒和跌倒后的正确处理', audience: '60 岁以上老人及照护者', speaker: 'hejianping', volunteerRoles: [['签到', 1]], registrants: 32 },
	{ key: 'lecture-cancelled', kind: 'lecture', dayOffset: 10, center: 'jingkou', title: '冬季呼吸道疾病预防', startTime: '14:30', endTime: '15:30', capacity: 50, topic: '流感和肺炎的预防', audience: '社区居民', speaker: 'luojing', cancelReason: '主讲专家临时外出，讲座改期，另行通知' }
];

/** Made-up residents for the demo registrations: common surnames and given names of the generation that comes. */
export const DEMO_RESIDENT_SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙', '马', '胡', '朱', '郭', '何', '罗', '高', '林'];
export const DEMO_RESIDENT_GIVEN_NAMES = ['秀兰', '桂英', '建国', '志强', '淑珍', '玉梅', '德明', '丽华', '国庆', '海燕', '秀珍', '文华', '春梅', '建华', '永红', '玉兰', '光明', '凤英'];
export const DEMO_COMMUNITIES = ['磁器口社区', '童家桥社区', '石井坡社区', '双碑社区', '井口社区', '天星桥社区', '新桥社区', '山洞社区'];
