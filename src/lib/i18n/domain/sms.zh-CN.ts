/** What src/lib/server/sms/ says to people: refusals, audit summaries, labels. */
export const smsZhCN = {
	labels: {
		doctor: (name: string) => `${name}医生`
	},
	outbox: {
		rejected: (reason: string) => `短信服务商拒绝（模板、签名或号码有误），不再重试：${reason}`,
		gaveUp: (attempts: number, reason: string) => `已尝试 ${attempts} 次仍未发出，不再重试：${reason}`,
		retrying: (reason: string) => `暂时发送失败，稍后重试：${reason}`
	}
};
