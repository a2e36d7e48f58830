/**
 * A TLS-terminating reverse proxy for the production-style journeys, as nginx or a cloud load balancer
 * sits in front of Yizhen: https on PROXY_PORT with a throwaway self-signed certificate (made at start,
 * never stored), forwarding to the app on UPSTREAM_PORT with the usual X-Forwarded-* headers.
 */
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:https';
import { generate } from 'selfsigned';

const port = Number(process.env.PROXY_PORT ?? 4443);
const upstream = Number(process.env.UPSTREAM_PORT ?? 4174);

const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
	keyType: 'ec',
	algorithm: 'sha256',
	extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] }]
});

createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
	const forwarded = {
		...req.headers,
		'x-forwarded-proto': 'https',
		'x-forwarded-for': req.socket.remoteAddress ?? '',
		'x-forwarded-host': req.headers.host ?? ''
	};
	const onward = httpRequest({ host: '127.0.0.1', port: upstream, method: req.method, path: req.url, headers: forwarded }, (answer) => {
		res.writeHead(answer.statusCode ?? 502, answer.headers);
		answer.pipe(res);
	});
	onward.on('error', () => {
		if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
		res.end('upstream unavailable');
	});
	req.pipe(onward);
}).listen(port, '127.0.0.1', () => console.log(`TLS proxy on https://localhost:${port} → http://127.0.0.1:${upstream}`));
