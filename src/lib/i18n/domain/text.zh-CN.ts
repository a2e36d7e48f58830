/** What src/lib/server/text/ says to people: refusals of text that would break a line or a page. */
export const textZhCN = {
	errors: {
		singleLine: '不能包含换行或控制字符',
		multiLine: '不能包含控制字符'
	}
};
