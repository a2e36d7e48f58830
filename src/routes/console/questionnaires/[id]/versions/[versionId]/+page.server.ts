import { m } from '$lib/i18n';
import { getDb } from '$lib/server/db/app-db';
import { auditActor, requireOrganizer } from '$lib/server/http/console';
import { formValues } from '$lib/server/http/forms';
import { addItem, moveItem, publishDraft, removeItem, updateDraftHeading, updateItem } from '$lib/server/surveys/editor';
import { DEMOGRAPHIC_LABELS, ITEM_KIND_LABELS, OPTION_KEYS, itemFormValues, itemFromForm } from '$lib/server/surveys/item-form';
import { versionView } from '$lib/server/surveys/questionnaire-views';
import { formatDateTime } from '$lib/format/dates';
import { LITERACY_ASPECTS, LITERACY_CATEGORIES } from '$lib/server/db/schema';
import { ITEM_KINDS_OF, QUESTIONNAIRE_KIND_LABELS, RATING_OPTIONS } from '$lib/server/surveys/kinds';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { orFormFailure, orPageError } from '$lib/server/http/domain-errors';

export const load: PageServerLoad = async ({ url, params }) => {
	const actor = requireOrganizer();
	const v = await orPageError(async () => versionView(await getDb(), actor, params.id, params.versionId));
	// Only the item kinds this kind of questionnaire holds: a satisfaction survey asks ratings, a quiz has answers.
	const kinds = Object.fromEntries(ITEM_KINDS_OF[v.questionnaireKind].map((k) => [k, ITEM_KIND_LABELS[k]]));
	return {
		...v,
		kindLabel: QUESTIONNAIRE_KIND_LABELS[v.questionnaireKind],
		ratingScale: RATING_OPTIONS.map((o) => o.label),
		created: url.searchParams.has('created'),
		choices: { kinds, demographics: DEMOGRAPHIC_LABELS, aspects: LITERACY_ASPECTS, categories: LITERACY_CATEGORIES, optionKeys: OPTION_KEYS },
		publishedAt: v.publishedAt ? formatDateTime(v.publishedAt) : null,
		items: v.items.map((item) => ({ id: item.id, position: item.position, kind: item.kind, prompt: item.prompt, options: item.options, answerKey: item.answerKey, points: item.points, aspect: item.aspect, category: item.category, demographic: item.demographic, values: itemFormValues(item) }))
	};
};

/** Each action: read the form, make one domain call; a refusal comes back at its field with the form as typed. */
async function act<T>({ request }: RequestEvent, work: (values: Record<string, string>) => (db: Awaited<ReturnType<typeof getDb>>, actor: ReturnType<typeof requireOrganizer>) => Promise<T>) {
	const actor = requireOrganizer();
	const values = formValues(await request.formData());
	const db = await getDb();
	return orFormFailure(values, () => work(values)(db, actor));
}

export const actions: Actions = {
	heading: async (event) => {
		const r = await act(event, (v) => (db, actor) => updateDraftHeading(db, actor, auditActor(), event.params.versionId, v));
		return r.ok ? { done: m.console.questionnaireVersion.done.heading } : r.failure;
	},
	save: async (event) => {
		const r = await act(event, (v) => (db, actor) => updateItem(db, actor, auditActor(), event.params.versionId, v.itemId ?? '', itemFromForm(v)));
		return r.ok ? { done: m.console.questionnaireVersion.done.saved } : r.failure;
	},
	add: async (event) => {
		const r = await act(event, (v) => (db, actor) => addItem(db, actor, auditActor(), event.params.versionId, itemFromForm(v)));
		return r.ok ? { done: m.console.questionnaireVersion.done.added } : r.failure;
	},
	remove: async (event) => {
		const r = await act(event, (v) => (db, actor) => removeItem(db, actor, auditActor(), event.params.versionId, v.itemId ?? ''));
		return r.ok ? { done: m.console.questionnaireVersion.done.removed } : r.failure;
	},
	move: async (event) => {
		const r = await act(event, (v) => (db, actor) => moveItem(db, actor, auditActor(), event.params.versionId, v.itemId ?? '', v.direction === 'up' ? 'up' : 'down'));
		return r.ok ? { done: m.console.questionnaireVersion.done.moved } : r.failure;
	},
	publish: async (event) => {
		const r = await act(event, () => (db, actor) => publishDraft(db, actor, auditActor(), event.params.versionId));
		return r.ok ? { done: m.console.questionnaireVersion.done.published } : r.failure;
	}
};
