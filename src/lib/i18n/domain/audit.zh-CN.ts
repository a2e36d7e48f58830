/** What src/lib/server/audit/ says to people. */
export const auditZhCN = {
	labels: {
		/** Who the trail names for a change no person made (a background job, the seed). */
		system: '系统'
	}
};
