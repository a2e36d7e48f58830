/**
 * A stand-in for sms.tencentcloudapi.com on 127.0.0.1, for tests and local trials: it keeps every
 * request exactly as the SDK sent it (headers and raw body) and answers in Tencent's own shapes
 * (API 2021-01-11 SendSms): a sent text, a number refused in SendStatusSet, or a whole request refused
 * in Response.Error. Which one is up to the test, per request.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandInRequest {
	method: string;
	path: string;
	headers: IncomingHttpHeaders;
	/** The body byte for byte, as signed. */
	body: string;
	json: Record<string, unknown>;
}

/** What the stand-in answers: the text sent, a number refused (SendStatusSet), a request refused (Error), or a bare HTTP status. */
export type StandInAnswer = { sent: true } | { refuseNumber: string } | { refuseRequest: string } | { httpStatus: number };

export interface TencentStandIn {
	/** For SMS_ENDPOINT. */
	url: string;
	requests: StandInRequest[];
	/** Decides each answer; the default sends. */
	answer: (request: StandInRequest) => StandInAnswer;
	stop(): Promise<void>;
}

const MESSAGES: Record<string, string> = {
	'LimitExceeded.PhoneNumberDailyLimit': 'the number of sms messages sent from a single mobile number every day exceeds the upper limit',
	'FailedOperation.TemplateIncorrectOrUnapproved': 'template is not approved or request content does not match the approved template content',
	'InvalidParameterValue.IncorrectPhoneNumber': 'incorrect phone number',
	'AuthFailure.SignatureFailure': 'the provided credentials could not be validated'
};

export async function startTencentStandIn(): Promise<TencentStandIn> {
	let serial = 0;
	const standIn: TencentStandIn = {
		url: '',
		requests: [],
		answer: () => ({ sent: true }),
		stop: async () => {}
	};
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const body = Buffer.concat(chunks).toString('utf8');
			let json: Record<string, unknown> = {};
			try {
				json = JSON.parse(body) as Record<string, unknown>;
			} catch {
				// Kept as an empty object: the test sees the raw body.
			}
			const request: StandInRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, json };
			standIn.requests.push(request);
			const answer = standIn.answer(request);
			if ('httpStatus' in answer) {
				res.writeHead(answer.httpStatus, { 'Content-Type': 'text/html' }).end('<html><body>bad gateway</body></html>');
				return;
			}
			const requestId = `stand-in-${++serial}`;
			const phone = (json.PhoneNumberSet as string[] | undefined)?.[0] ?? '';
			let response: Record<string, unknown>;
			if ('refuseRequest' in answer) {
				response = { Error: { Code: answer.refuseRequest, Message: MESSAGES[answer.refuseRequest] ?? answer.refuseRequest }, RequestId: requestId };
			} else {
				const ok = 'sent' in answer;
				const code = ok ? 'Ok' : answer.refuseNumber;
				response = {
					SendStatusSet: [
						{
							SerialNo: ok ? `2640:${100000 + serial}` : '',
							PhoneNumber: phone,
							Fee: ok ? 1 : 0,
							SessionContext: json.SessionContext ?? '',
							Code: code,
							Message: ok ? 'send success' : (MESSAGES[code] ?? code),
							IsoCode: 'CN'
						}
					],
					RequestId: requestId
				};
			}
			res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ Response: response }));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	standIn.url = `http://127.0.0.1:${port}`;
	standIn.stop = () => new Promise<void>((resolve) => server.close(() => resolve()));
	return standIn;
}
