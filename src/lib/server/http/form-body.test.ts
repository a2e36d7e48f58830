import { describe, expect, it } from 'vitest';
import { hasFormContentType, hasMalformedFormBody } from './form-body';

const URL_ = 'https://yizhen.example.org/events/abc?/register';
const BOUNDARY = '----yizhen-test-boundary';
const MULTIPART = `multipart/form-data; boundary=${BOUNDARY}`;

const post = (contentType: string, body: BodyInit | null, method = 'POST') =>
	new Request(URL_, { method, headers: { 'content-type': contentType }, body, duplex: 'half' } as RequestInit);

/** A body that fails while being read, the way adapter-node fails one over BODY_SIZE_LIMIT. */
function failingBody(reason: unknown): ReadableStream<Uint8Array> {
	return new ReadableStream({
		start(controller) {
			controller.enqueue(new TextEncoder().encode(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\n\r\n`));
			controller.error(reason);
		}
	});
}

describe('a form body that cannot be read', () => {
	it('is found when a multipart body stops in the middle of a part', async () => {
		const cut = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="name"\r\n\r\n张三\r\n--${BOUNDARY}\r\nContent-Disposition: form-data; name="phone"\r\n\r\n1380`;
		expect(await hasMalformedFormBody(post(MULTIPART, cut))).toBe(true);
	});

	it('is found when the body under a multipart type is not multipart at all', async () => {
		expect(await hasMalformedFormBody(post(MULTIPART, '{"name":"张三"}'))).toBe(true);
		expect(await hasMalformedFormBody(post('multipart/form-data', 'name=张三'))).toBe(true);
	});

	it('is found when the connection fails mid-body for any reason but size', async () => {
		expect(await hasMalformedFormBody(post(MULTIPART, failingBody(new Error('aborted'))))).toBe(true);
	});

	it('lets a body over the size limit through, so the import page can answer it with its own 413', async () => {
		const tooLarge = Object.assign(new Error('request body size exceeded BODY_SIZE_LIMIT of 3145728'), { status: 413 });
		const request = post(MULTIPART, failingBody(tooLarge));
		expect(await hasMalformedFormBody(request)).toBe(false);
		// The action reading the original body sees the same 413, not a different error.
		await expect(request.formData()).rejects.toMatchObject({ status: 413 });
	});

	it('passes a whole form and leaves its body for the action to read', async () => {
		const form = new FormData();
		form.set('name', '张三');
		form.set('file', new File(['工号,姓名\n1,李四\n'], 'roster.csv', { type: 'text/csv' }));
		const multipart = new Request(URL_, { method: 'POST', body: form });
		expect(await hasMalformedFormBody(multipart)).toBe(false);
		const read = await multipart.formData();
		expect(read.get('name')).toBe('张三');
		expect(await (read.get('file') as File).text()).toBe('工号,姓名\n1,李四\n');

		const urlencoded = post('application/x-www-form-urlencoded; charset=UTF-8', 'size=large&back=%2Fevents');
		expect(await hasMalformedFormBody(urlencoded)).toBe(false);
		expect((await urlencoded.formData()).get('back')).toBe('/events');
	});

	it('leaves alone what is not a form: JSON, XML, reads', async () => {
		expect(await hasMalformedFormBody(post('application/json', '{"size":'))).toBe(false);
		expect(await hasMalformedFormBody(post('application/xml', '<size>'))).toBe(false);
		expect(await hasMalformedFormBody(new Request(URL_, { headers: { 'content-type': MULTIPART } }))).toBe(false);
	});
});

describe('a form content type', () => {
	it('is one Request.formData() can parse, whatever its parameters and case', () => {
		expect(hasFormContentType(post('application/x-www-form-urlencoded', ''))).toBe(true);
		expect(hasFormContentType(post('Multipart/Form-Data; boundary=x', ''))).toBe(true);
		expect(hasFormContentType(post('application/json', '{}'))).toBe(false);
		expect(hasFormContentType(post('text/xml', '<a/>'))).toBe(false);
		expect(hasFormContentType(post('text/plain', 'size=large'))).toBe(false);
		expect(hasFormContentType(new Request(URL_, { method: 'POST', body: null }))).toBe(false);
	});
});
