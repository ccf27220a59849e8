import { Messaging, WINDOW_MS } from '../../emulator/messaging';
import { StatusFeed } from '../../emulator/statusFeed';

/** The 24-hour window in emulator time: Date.now() is moved, nothing waits. */
describe('emulator: the 24-hour customer-service window', () => {
	const ids = () => ({ wabaId: 'w', phoneNumberId: 'p', displayPhoneNumber: 'd' });
	const messaging = new Messaging(
		new StatusFeed(
			async () => [],
			() => 0,
			() => undefined,
		),
		ids,
	);
	let now = 1_750_000_000_000;
	beforeEach(() => {
		messaging.reset();
		jest.spyOn(Date, 'now').mockImplementation(() => now);
	});
	afterEach(() => jest.restoreAllMocks());

	const incoming = (from: string, id: string) => ({
		entry: [{ changes: [{ value: { messages: [{ from, id, type: 'text' }] } }] }],
	});

	it('opens with an incoming message, restarts with the next, and closes 24 hours after the last', () => {
		messaging.noteIncoming(incoming('4917612345678', 'wamid.1'));
		now += WINDOW_MS - 1;
		expect(messaging.isWindowOpen('4917612345678')).toBe(true);
		messaging.noteIncoming(incoming('4917612345678', 'wamid.2'));
		now += WINDOW_MS - 1;
		expect(messaging.isWindowOpen('4917612345678')).toBe(true);
		now += 1;
		expect(messaging.isWindowOpen('4917612345678')).toBe(false);
		expect(messaging.isIncoming('wamid.1')).toBe(true);
	});

	it("is per WhatsApp ID, and On-Premise's top-level messages open it too", () => {
		messaging.noteIncoming({ messages: [{ from: '4915100000000', id: 'wamid.op' }] });
		expect(messaging.isWindowOpen('4915100000000')).toBe(true);
		expect(messaging.isWindowOpen('4917612345678')).toBe(false);
	});

	it('opens and closes by control call', () => {
		messaging.setWindow('4917612345678', true);
		expect(messaging.isWindowOpen('4917612345678')).toBe(true);
		messaging.setWindow('4917612345678', false);
		expect(messaging.isWindowOpen('4917612345678')).toBe(false);
	});
});
