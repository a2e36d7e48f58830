/**
 * Scoring a health literacy answer sheet, by the national method.
 *
 * The method is the one of 全国居民健康素养监测 (the national residents' health literacy monitoring run
 * by the National Health Commission and the China Health Education Center; see 《全国居民健康素养监测
 * 方案》 and the yearly 中国居民健康素养监测报告):
 *
 * - 判断题 (true/false) and 单选题 (single choice): 1 point for the right answer, else 0.
 * - 多选题 (multiple choice): 2 points, and only when the respondent chose exactly the keyed options;
 *   a partial answer (missing a right option, or adding a wrong one) scores 0. No partial credit.
 * - A respondent has health literacy (具备健康素养) when the total score reaches 80% of the full score.
 * - Each of the three aspects (基本知识和理念, 健康生活方式与行为, 基本技能) and each of the six health
 *   problem categories (科学健康观, 传染病防治, 慢性病防治, 安全与急救, 基本医疗, 健康信息) is judged the
 *   same way: literate in that part when the score on its items reaches 80% of their full score.
 * - 健康素养水平 (the literacy level) of a population is the share of respondents who have it.
 *
 * The points of an item are stored with the item (so a version says what it was scored on); the
 * national defaults are `nationalPoints(kind)`. Unanswered items score 0.
 *
 * Pure: plain data in, plain data out.
 */
import { LITERACY_ASPECTS, LITERACY_CATEGORIES } from '../db/schema';

export type LiteracyAspect = (typeof LITERACY_ASPECTS)[number];
export type LiteracyCategory = (typeof LITERACY_CATEGORIES)[number];
export type ScoredItemKind = 'true_false' | 'single_choice' | 'multiple_choice';

export interface ScoredItem {
	id: string;
	kind: ScoredItemKind;
	answerKey: readonly string[];
	points: number;
	aspect: LiteracyAspect;
	category: LiteracyCategory;
}

/** The threshold as a fraction: 80%, compared in integers (score × 5 ≥ full × 4) so no rounding slips in. */
export const LITERACY_THRESHOLD_NUMERATOR = 4;
export const LITERACY_THRESHOLD_DENOMINATOR = 5;

export function nationalPoints(kind: ScoredItemKind): number {
	return kind === 'multiple_choice' ? 2 : 1;
}

/** Whether a score reaches 80% of a full score; null when the part has no items at all. */
export function reachesThreshold(score: number, full: number): boolean | null {
	if (full <= 0) return null;
	return score * LITERACY_THRESHOLD_DENOMINATOR >= full * LITERACY_THRESHOLD_NUMERATOR;
}

/** Right only when the chosen set is exactly the key: order and repeats do not matter. */
export function isCorrect(item: Pick<ScoredItem, 'answerKey'>, chosen: readonly string[] | undefined): boolean {
	if (!chosen || chosen.length === 0) return false;
	const picked = new Set(chosen);
	const key = new Set(item.answerKey);
	if (picked.size !== key.size) return false;
	for (const k of key) if (!picked.has(k)) return false;
	return true;
}

export interface PartScore {
	score: number;
	full: number;
	/** Reaches 80% of this part's full score; null when the questionnaire has no item in the part. */
	literate: boolean | null;
}

export interface ResponseScore extends PartScore {
	byAspect: Record<LiteracyAspect, PartScore>;
	byCategory: Record<LiteracyCategory, PartScore>;
	/** Item id → answered exactly right. */
	correct: Record<string, boolean>;
}

function emptyParts<K extends string>(keys: readonly K[]): Record<K, { score: number; full: number }> {
	return Object.fromEntries(keys.map((k) => [k, { score: 0, full: 0 }])) as Record<K, { score: number; full: number }>;
}

function judged<K extends string>(parts: Record<K, { score: number; full: number }>): Record<K, PartScore> {
	return Object.fromEntries(
		Object.entries<{ score: number; full: number }>(parts).map(([k, p]) => [k, { ...p, literate: reachesThreshold(p.score, p.full) }])
	) as Record<K, PartScore>;
}

/** Scores one sheet: `answers` maps item id → the option keys chosen. Answers to other items are ignored. */
export function scoreResponse(items: readonly ScoredItem[], answers: ReadonlyMap<string, readonly string[]>): ResponseScore {
	const aspects = emptyParts(LITERACY_ASPECTS);
	const categories = emptyParts(LITERACY_CATEGORIES);
	const correct: Record<string, boolean> = {};
	let score = 0;
	let full = 0;
	for (const item of items) {
		const right = isCorrect(item, answers.get(item.id));
		const earned = right ? item.points : 0;
		correct[item.id] = right;
		score += earned;
		full += item.points;
		aspects[item.aspect].score += earned;
		aspects[item.aspect].full += item.points;
		categories[item.category].score += earned;
		categories[item.category].full += item.points;
	}
	return { score, full, literate: reachesThreshold(score, full), byAspect: judged(aspects), byCategory: judged(categories), correct };
}
