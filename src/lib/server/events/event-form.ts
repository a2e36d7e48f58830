/**
 * The organizer's event form: its fields to an OrganizerEventInput, and a stored event back to fields.
 * Multi-valued fields (services, departments, experts, volunteer rows) travel as lists, so a refused
 * form comes back with every box still ticked and every row still filled in.
 */
import type { Actor } from '../auth/policy';
import { departmentOptions, expertOptions, sitesInScope } from '../console/scope-lists';
import type { DbOrTx } from '../db/client';
import { invalid } from '../errors';
import type { OrganizerEventInput } from './manage';
import type { EventForOrganizer } from './organizer-events';
import { seriesForOrganizations } from './series';
import { dm } from '../../i18n/domain';

/** The services most clinics offer, as tick boxes; anything else goes in the free-text field. */
export const COMMON_SERVICES = [dm.events.labels.commonServices.bloodPressure, dm.events.labels.commonServices.bloodSugar, dm.events.labels.commonServices.ecg, dm.events.labels.commonServices.boneDensity, dm.events.labels.commonServices.tcmMassage, dm.events.labels.commonServices.acupuncture, dm.events.labels.commonServices.medication, dm.events.labels.commonServices.eyeExam, dm.events.labels.commonServices.dentalExam, dm.events.labels.commonServices.healthAdvice] as const;

export interface EventFormState {
	values: Record<string, string>;
	lists: { services: string[]; departmentIds: string[]; expertIds: string[] };
	roles: { id: string; name: string; needed: string }[];
}

const strings = (data: FormData, name: string) => data.getAll(name).filter((v): v is string => typeof v === 'string');
const orNull = (v: string | undefined) => (v?.trim() ? v.trim() : null);

/** What the user sent, as it goes back into the form. */
export function eventFormState(data: FormData): EventFormState {
	const values: Record<string, string> = {};
	const listNames = new Set(['services', 'departmentIds', 'expertIds', 'roleId', 'roleName', 'roleNeeded']);
	for (const [k, v] of data) if (typeof v === 'string' && !listNames.has(k)) values[k] = v;
	const ids = strings(data, 'roleId');
	const names = strings(data, 'roleName');
	const needed = strings(data, 'roleNeeded');
	// The form always offers a few blank rows: those are not rows the user meant.
	const roles = names.map((name, i) => ({ id: ids[i] ?? '', name, needed: needed[i] ?? '' })).filter((r) => r.id || r.name.trim() || r.needed.trim());
	return { values, lists: { services: strings(data, 'services'), departmentIds: strings(data, 'departmentIds'), expertIds: strings(data, 'expertIds') }, roles };
}

/** Splits 其他服务 as people type it: 顿号, commas or spaces. */
export function splitServices(text: string): string[] {
	return text
		.split(/[、，,；;\s]+/)
		.map((s) => s.trim())
		.filter(Boolean);
}

/** The form as domain input. Throws a DomainError naming the field for what only the form can get wrong. */
export function eventInputFromForm(state: EventFormState): OrganizerEventInput {
	const { values, lists } = state;
	const capacityText = values.capacity?.trim() ?? '';
	const capacity = capacityText ? Number(capacityText) : null;
	if (capacity !== null && !Number.isFinite(capacity)) throw invalid(dm.events.fields.capacityNumber, 'capacity');
	const services = [...new Set([...lists.services, ...splitServices(values.otherServices ?? '')])];
	const volunteerRoles = state.roles
		.filter((r) => r.name.trim() || r.needed.trim())
		.map((r) => {
			const needed = r.needed.trim() ? Number(r.needed) : NaN;
			if (!r.name.trim()) throw invalid(dm.events.fields.roleNameRequired(r.needed), 'volunteerRoles');
			if (!Number.isFinite(needed)) throw invalid(dm.events.fields.roleNeededRequired(r.name.trim()), 'volunteerRoles');
			return { id: r.id || null, name: r.name, needed };
		});
	return {
		kind: values.kind as 'free_clinic' | 'lecture',
		siteId: values.siteId ?? '',
		seriesId: orNull(values.seriesId),
		title: values.title ?? '',
		date: values.date ?? '',
		startTime: values.startTime ?? '',
		endTime: values.endTime ?? '',
		capacity,
		description: orNull(values.description),
		services,
		whatToBring: orNull(values.whatToBring),
		topic: orNull(values.topic),
		audience: orNull(values.audience),
		speakerExpertId: orNull(values.speakerExpertId),
		speakerName: orNull(values.speakerName),
		departmentIds: lists.departmentIds,
		expertIds: lists.expertIds,
		volunteerRoles,
		confirmClashes: values.confirmClashes === 'on'
	};
}

/** A stored event as the edit form's fields; `version` rides along so a stale save is caught. */
export function eventToForm(found: EventForOrganizer): EventFormState {
	const e = found.event;
	const common = new Set<string>(COMMON_SERVICES);
	return {
		values: {
			kind: e.kind,
			siteId: e.siteId,
			seriesId: e.seriesId ?? '',
			title: e.title,
			date: e.date,
			startTime: e.startTime,
			endTime: e.endTime,
			capacity: e.capacity === null ? '' : String(e.capacity),
			description: e.description ?? '',
			otherServices: e.services.filter((s) => !common.has(s)).join('、'),
			whatToBring: e.whatToBring ?? '',
			topic: e.topic ?? '',
			audience: e.audience ?? '',
			speakerExpertId: e.speakerExpertId ?? '',
			speakerName: e.speakerName ?? '',
			version: String(e.version)
		},
		lists: { services: e.services.filter((s) => common.has(s)), departmentIds: found.departmentIds, expertIds: found.expertIds },
		roles: found.roles.map((r) => ({ id: r.id, name: r.name, needed: String(r.needed) }))
	};
}

/** What the form picks from, limited to the organizer's sites and the series those sites may join. */
export async function eventFormOptions(db: DbOrTx, actor: Actor) {
	const [sites, experts, departments] = await Promise.all([sitesInScope(db, actor), expertOptions(db), departmentOptions(db)]);
	const series = await seriesForOrganizations(db, [...new Set(sites.map((s) => s.organizationId))]);
	return {
		sites: sites.map((s) => ({ id: s.id, name: s.name })),
		series: series.map((s) => ({ id: s.id, label: s.label, kind: s.kind })),
		experts: experts.map((x) => ({ id: x.id, label: x.label })),
		departments,
		commonServices: COMMON_SERVICES
	};
}
export type EventFormOptions = Awaited<ReturnType<typeof eventFormOptions>>;
