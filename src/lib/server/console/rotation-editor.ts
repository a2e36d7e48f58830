/**
 * Server side of the rotation editor, shared by "new" and "edit": pick lists, preview, save. It reads
 * the form and shapes pages; who may do what is checked by the rotation-plan functions it calls.
 */
import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { formatSittingWhen, formatTimeRange } from '../../format/dates';
import { m } from '../../i18n';
import { siteToday } from '../clock';
import { getDb } from '../db/app-db';
import { isDomainError } from '../errors';
import { requireOrganizer } from '../http/console';
import { departmentOfExpert } from '../experts/manage';
import { FREQUENCIES, ORDINALS, WEEKDAYS } from '../schedule/pattern';
import { createPlannedRotation, previewRotation, rotationForEditing, updatePlannedRotation, type RotationPreview } from '../schedule/rotation-plan';
import { rotationInputFromForm, rotationToForm } from './rotation-form';
import { departmentOptions, expertOptions, sitesInScope } from './scope-lists';
import type { Actor } from '../auth/policy';

const TIME_ZONE = 'Asia/Shanghai';

export async function editorOptions(actor: Actor) {
	const db = await getDb();
	const [sites, experts, departments] = await Promise.all([sitesInScope(db, actor), expertOptions(db), departmentOptions(db)]);
	return { sites, experts, departments, weekdays: WEEKDAYS, frequencies: FREQUENCIES, ordinals: ORDINALS };
}

/** The editor opened on an existing rotation (404 or 403 come from `rotationForEditing`). */
export async function rotationEditorPage(actor: Actor, rotationId: string) {
	const db = await getDb();
	const { rotation, preview, trail } = await rotationForEditing(db, actor, rotationId, { today: siteToday(TIME_ZONE) });
	return {
		options: await editorOptions(actor),
		initial: rotationToForm(rotation),
		preview: previewForPage(preview),
		rotationId: rotation.id,
		active: rotation.active,
		trail
	};
}

const STATUS: Record<string, string> = { scheduled: '', cancelled: '停诊', holiday: '节假日不坐诊', needs_cover: '专家请假' };

export function previewForPage(preview: RotationPreview) {
	return {
		description: preview.description,
		warning: preview.unknownHolidayYears.length ? m.warnings.unknownHolidays(preview.unknownHolidayYears.join('、')) : null,
		sittings: preview.sittings.map((s) => ({
			id: s.id,
			when: formatSittingWhen(s.date, s.startTime, s.endTime),
			timeRange: formatTimeRange(s.startTime, s.endTime),
			note: [STATUS[s.status], s.onSwapDay ? '调休上班日' : '', s.onHoliday ? `${s.onHoliday}期间照常` : ''].filter(Boolean).join('，')
		})),
		// Each message names its day itself (conflicts.ts).
		conflicts: preview.conflicts.map((c) => ({ message: c.message, blocking: preview.blocking.includes(c) }))
	};
}

/** The editor's two buttons: 预览 (never writes) and 保存. `rotationId` null means a new rotation. */
export async function handleEditorPost(event: RequestEvent, rotationId: string | null, intent: 'preview' | 'save') {
	const actor = requireOrganizer(event.locals, event.url);
	const db = await getDb();
	const data = await event.request.formData();
	let form: ReturnType<typeof rotationInputFromForm> | null = null;
	try {
		form = rotationInputFromForm(data);
		// Without JavaScript the department cannot follow the expert as they are picked: default it here.
		if (!form.input.departmentId && form.input.expertId) {
			form.input.departmentId = (await departmentOfExpert(db, form.input.expertId)) ?? '';
			form.values.departmentId = form.input.departmentId;
		}
		const today = siteToday(TIME_ZONE);
		if (intent === 'preview') {
			const preview = await previewRotation(db, actor, form.input, { today, rotationId });
			return { values: form.values, weekdays: form.weekdays, preview: previewForPage(preview) };
		}
		if (rotationId) {
			await updatePlannedRotation(db, actor, rotationId, form.input, {
				today,
				expectedVersion: Number(form.values.version)
			});
		} else {
			rotationId = await createPlannedRotation(db, actor, form.input, { today });
		}
	} catch (e) {
		if (!isDomainError(e)) throw e;
		const values: Record<string, string> = {};
		for (const [k, v] of data) if (typeof v === 'string' && k !== 'weekdays') values[k] = v;
		const weekdays = data.getAll('weekdays').filter((v): v is string => typeof v === 'string');
		return fail(e.status, { values, weekdays, errors: { [e.field ?? 'form']: e.message } as Record<string, string> });
	}
	redirect(303, `/console/rotations/${rotationId}?saved=1`);
}
