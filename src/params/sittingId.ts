import type { ParamMatcher } from '@sveltejs/kit';
import { parseSittingId } from '$lib/sitting-id';

/** `/console/sittings/<id>` and its .ics: a malformed id is a 404 before any load or query runs. */
export const match = ((param: string) => parseSittingId(param) !== null) satisfies ParamMatcher;
