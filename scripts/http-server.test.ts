import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { CONNECTION_PROTOCOL_HEADER, configureOriginSource, stampConnectionProtocol } from './http-server';

describe('where the app learns its own origin', () => {
	it('takes ORIGIN when set, and leaves the protocol header alone', () => {
		const env: NodeJS.ProcessEnv = { ORIGIN: 'https://yizhen.example.org' };
		expect(configureOriginSource(env)).toBe('origin');
		expect(env.PROTOCOL_HEADER).toBeUndefined();
	});

	it('keeps a proxy header the operator chose', () => {
		const env: NodeJS.ProcessEnv = { PROTOCOL_HEADER: 'x-forwarded-proto' };
		expect(configureOriginSource(env)).toBe('proxy-header');
		expect(env.PROTOCOL_HEADER).toBe('x-forwarded-proto');
	});

	it('with nothing set, reads the scheme from the connection through a header only this process writes', () => {
		const env: NodeJS.ProcessEnv = {};
		expect(configureOriginSource(env)).toBe('connection');
		expect(env.PROTOCOL_HEADER).toBe(CONNECTION_PROTOCOL_HEADER);
	});

	it('overwrites whatever a client sent under that header with the connection’s scheme', () => {
		const plain = { headers: { [CONNECTION_PROTOCOL_HEADER]: 'https' }, socket: {} } as unknown as IncomingMessage;
		stampConnectionProtocol(plain);
		expect(plain.headers[CONNECTION_PROTOCOL_HEADER]).toBe('http');
		const tls = { headers: {}, socket: { encrypted: true } } as unknown as IncomingMessage;
		stampConnectionProtocol(tls);
		expect(tls.headers[CONNECTION_PROTOCOL_HEADER]).toBe('https');
	});
});
