import { migrate } from 'drizzle-orm/libsql/migrator';
import { describe, expect, it } from 'vitest';
import { applyMigrations } from '../db/migrate';
import { migrationDbForEachTest } from '../testing/migration-db';
import { questionnaires, surveyAnswers, surveyItems } from '../db/schema';

const { open, migrationsBefore } = migrationDbForEachTest();

describe('questionnaire kinds and rating items (migration 0023)', () => {
	it('keeps every questionnaire, item and answer given before it, each questionnaire a literacy one', async () => {
		await migrate(open.db, { migrationsFolder: migrationsBefore('0023_questionnaire_kinds') });
		// Rows written as SQL of the schema at 0022: the writers speak today's.
		const statements: [string, unknown[]][] = [
			['insert into organizations (id, name, kind) values (?, ?, ?)', ['org', '沙坪坝区卫生健康委员会', 'commission']],
			['insert into sites (id, organization_id, name, kind, address) values (?, ?, ?, ?, ?)', ['site', 'org', '新桥社区卫生服务中心', 'community_center', '新桥正街 1 号']],
			['insert into questionnaires (id, organization_id, title) values (?, ?, ?)', ['q', 'org', '社区居民健康素养小测验']],
			['insert into questionnaire_versions (id, questionnaire_id, version, title, status, published_at) values (?, ?, ?, ?, ?, ?)', ['v', 'q', 1, '社区居民健康素养小测验', 'published', 1_700_000_000_000]],
			[
				'insert into survey_items (id, version_id, position, kind, prompt, options, answer_key, points, aspect, category) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
				['i1', 'v', 1, 'true_false', '吸烟有害健康。', '[{"key":"T","label":"正确"},{"key":"F","label":"错误"}]', '["T"]', 1, '基本知识和理念', '科学健康观']
			],
			['insert into surveys (id, code, version_id, organization_id, site_id, kind, title) values (?, ?, ?, ?, ?, ?, ?)', ['s', 'xqjk26', 'v', 'org', 'site', 'standalone', '居民健康素养调查']],
			['insert into survey_responses (id, survey_id, device_hash, status, started_at, submitted_at) values (?, ?, ?, ?, ?, ?)', ['r', 's', 'hash', 'submitted', 1_700_000_000_000, 1_700_000_100_000]],
			['insert into survey_answers (response_id, item_id, choices, answered_at) values (?, ?, ?, ?)', ['r', 'i1', '["T"]', 1_700_000_050_000]]
		];
		for (const [sql, args] of statements) await open.client.execute({ sql, args: args as never });

		await applyMigrations(open.db);

		expect(await open.db.select({ id: questionnaires.id, kind: questionnaires.kind, eventId: questionnaires.eventId, archivedAt: questionnaires.archivedAt }).from(questionnaires)).toEqual([
			{ id: 'q', kind: 'literacy', eventId: null, archivedAt: null }
		]);
		expect(await open.db.select({ id: surveyItems.id, answerKey: surveyItems.answerKey }).from(surveyItems)).toEqual([{ id: 'i1', answerKey: ['T'] }]);
		expect(await open.db.select({ itemId: surveyAnswers.itemId, choices: surveyAnswers.choices }).from(surveyAnswers)).toEqual([{ itemId: 'i1', choices: ['T'] }]);
		expect((await open.client.execute('PRAGMA foreign_key_check')).rows).toEqual([]);

		// A rating item fits now; one carrying an answer key does not, nor does an unknown kind of questionnaire.
		const rating = 'insert into survey_items (id, version_id, position, kind, prompt, options, answer_key) values (?, ?, ?, ?, ?, ?, ?)';
		await open.client.execute({ sql: rating, args: ['i2', 'v', 2, 'rating', '您满意吗？', '[]', null] });
		await expect(open.client.execute({ sql: rating, args: ['i3', 'v', 3, 'rating', '您满意吗？', '[]', '["A"]'] })).rejects.toThrow(/CHECK constraint failed/);
		await expect(open.client.execute({ sql: 'insert into questionnaires (id, organization_id, title, kind) values (?, ?, ?, ?)', args: ['q2', 'org', '别的', 'exam'] })).rejects.toThrow(/CHECK constraint failed/);
	});
});
