/**
 * Server side of the rotation editor, shared by "new" and "edit": pick lists, preview, save. It reads
 * the form and shapes pages; who may do what is checked by the rotation-plan functions it calls.
 */
import { redirect, type RequestEvent } from '@sveltejs/kit';
import { formatSittingWhen, formatTimeRange } from '../../format/dates';
import { m } from '../../i18n';
import { districtToday } from '../clock';
import { getDb } from '../db/app-db';
import { requireOrganizer } from '../http/console';
import { orFormFailure } from '../http/domain-errors';
import { departmentOfExpert } from '../experts/manage';
import { FREQUENCIES, ORDINALS, WEEKDAYS } from '../schedule/pattern';
import { createPlannedRotation, previewRotation, rotationForEditing, updatePlannedRotation, type RotationPreview } from '../schedule/rotation-plan';
import { rotationInputFromForm, rotationToForm } from './rotation-form';
import { departmentOptions, expertOptions, sitesInScope } from './scope-lists';
import type { Actor } from '../auth/policy';
import { dm } from '../../i18n/domain';

export async function editorOptions(actor: Actor) {
	const db = await getDb();
	const [sites, experts, departments] = await Promise.all([sitesInScope(db, actor), expertOptions(db), departmentOptions(db)]);
	return { sites, experts, departments, weekdays: WEEKDAYS, frequencies: FREQUENCIES, ordinals: ORDINALS };
}

/** The editor opened on an existing rotation (404 or 403 come from `rotationForEditing`). */
export async function rotationEditorPage(actor: Actor, rotationId: string) {
	const db = await getDb();
	const { rotation, preview, trail, restore } = await rotationForEditing(db, actor, rotationId, { today: districtToday() });
	return {
		options: await editorOptions(actor),
		initial: rotationToForm(rotation),
		preview: previewForPage(preview),
		rotationId: rotation.id,
		active: rotation.active,
		trail,
		restore
	};
}

const STATUS: Record<string, string> = { scheduled: '', cancelled: dm.console.rotationStatus.cancelled, holiday: dm.console.rotationStatus.holiday, needs_cover: dm.console.rotationStatus.needsCover };

export function previewForPage(preview: RotationPreview) {
	return {
		description: preview.description,
		warning: preview.unknownHolidayYears.length ? m.warnings.unknownHolidays(preview.unknownHolidayYears.join('、')) : null,
		sittings: preview.sittings.map((s) => ({
			id: s.id,
			when: formatSittingWhen(s.date, s.startTime, s.endTime),
			timeRange: formatTimeRange(s.startTime, s.endTime),
			note: [STATUS[s.status], s.onSwapDay ? dm.console.rotationStatus.swapDay : '', s.onHoliday ? dm.console.rotationStatus.duringHoliday(s.onHoliday) : ''].filter(Boolean).join('，')
		})),
		// Each message names its day itself (conflicts.ts).
		conflicts: preview.conflicts.map((c) => ({ message: c.message, blocking: preview.blocking.includes(c) }))
	};
}

/** The editor's two buttons: 预览 (never writes) and 保存. `rotationId` null means a new rotation. */
export async function handleEditorPost(event: RequestEvent, rotationId: string | null, intent: 'preview' | 'save') {
	const actor = requireOrganizer();
	const data = await event.request.formData();
	// A refusal redraws the form as typed: the weekday boxes are a list, everything else one value each.
	const values: Record<string, string> = {};
	for (const [k, v] of data) if (typeof v === 'string' && k !== 'weekdays') values[k] = v;
	const weekdays = data.getAll('weekdays').filter((v): v is string => typeof v === 'string');
	const result = await orFormFailure(values, () => previewOrSave(actor, data, rotationId, intent), { weekdays });
	if (!result.ok) return result.failure;
	if ('preview' in result.value) return result.value;
	redirect(303, `/console/rotations/${result.value.savedId}?saved=1`);
}

async function previewOrSave(actor: Actor, data: FormData, rotationId: string | null, intent: 'preview' | 'save') {
	const db = await getDb();
	const form = rotationInputFromForm(data);
	// Without JavaScript the department cannot follow the expert as they are picked: default it here.
	if (!form.input.departmentId && form.input.expertId) {
		form.input.departmentId = (await departmentOfExpert(db, form.input.expertId)) ?? '';
		form.values.departmentId = form.input.departmentId;
	}
	const today = districtToday();
	if (intent === 'preview') {
		const preview = await previewRotation(db, actor, form.input, { today, rotationId });
		return { values: form.values, weekdays: form.weekdays, preview: previewForPage(preview) };
	}
	if (rotationId) {
		await updatePlannedRotation(db, actor, rotationId, form.input, { today, expectedVersion: Number(form.values.version) });
		return { savedId: rotationId };
	}
	return { savedId: await createPlannedRotation(db, actor, form.input, { today }) };
}
