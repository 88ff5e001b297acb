import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Document } from '../src/document.js';
import { readSendFacts } from '../src/policy/context.js';
import { createLinter, type Channel, type MessageContext } from '../src/index.js';
import { instantOf, isoInZone, localTime, parseDateTime } from '../src/policy/zoned-time.js';
import { dayInfo } from '../src/policy/calendar.js';

const linter = createLinter();
const ZH = '【XX银行】您的账单已逾期，应还1,280.00元，请于12月8日前还款。';
const EN = 'Acme Recovery is a debt collector. Your balance of $412.30 is due by Dec 8, 2026. Reply STOP to opt out.';
const CALL = 'This is Robin Smith with Acme Recovery, a debt collector, calling about your balance of $412.30.';

interface Case {
  name: string;
  text?: string;
  channel: Channel;
  context: MessageContext;
  /** Timing rule ids expected (exactly). */
  rules: string[];
  next?: string | null;
}

function timing(c: { text?: string; channel: Channel; context: MessageContext }, config?: object) {
  const l = config ? createLinter({ config }) : linter;
  const text = c.text ?? ZH;
  const r = l.lint({ text, channel: c.channel, context: c.context });
  return { ids: r.findings.filter((f) => f.category === 'contact-timing').map((f) => f.ruleId).sort(), result: r };
}

function check(cases: Case[], config?: object) {
  for (const c of cases) {
    it(c.name, () => {
      const { ids, result } = timing(c, config);
      expect(ids).toEqual([...c.rules].sort());
      if (c.next !== undefined) expect(result.nextAllowedAt).toBe(c.next);
      if (c.rules.length === 0) expect(result.nextAllowedAt).toBeUndefined();
    });
  }
}

const calls = (times: string[], conversation = false) => times.map((at) => ({ channel: 'phone' as const, at, conversation }));

describe('contact-hours (cn 08:00–22:00, us 08:00–21:00)', () => {
  check([
    { name: 'cn 07:59 is outside', channel: 'sms', context: { sendAt: '2026-03-10T07:59:00+08:00' }, rules: ['contact-timing/hours'], next: '2026-03-10T08:00:00+08:00' },
    { name: 'cn 08:00 is inside (start inclusive)', channel: 'sms', context: { sendAt: '2026-03-10T08:00:00+08:00' }, rules: [] },
    { name: 'cn 21:59:59 is inside', channel: 'sms', context: { sendAt: '2026-03-10T21:59:59+08:00' }, rules: [] },
    { name: 'cn 22:00 is outside (end exclusive)', channel: 'sms', context: { sendAt: '2026-03-10T22:00:00+08:00' }, rules: ['contact-timing/hours'], next: '2026-03-11T08:00:00+08:00' },
    { name: 'cn sendAt written in UTC is judged in Asia/Shanghai', channel: 'sms', context: { sendAt: '2026-03-10T14:30:00Z' }, rules: ['contact-timing/hours'], next: '2026-03-11T08:00:00+08:00' },
    { name: 'cn sendAt without offset is wall time in the zone', channel: 'sms', context: { sendAt: '2026-03-10T21:30' }, rules: [] },
    {
      name: 'us recipient zone differs from the offset in sendAt (23:30 ET = 20:30 PT)',
      text: EN, channel: 'sms', context: { sendAt: '2026-03-10T23:30:00-04:00', timezone: 'America/Los_Angeles' }, rules: [],
    },
    {
      name: 'us 09:30 ET is 06:30 in Los Angeles',
      text: EN, channel: 'sms', context: { sendAt: '2026-03-10T09:30:00-04:00', timezone: 'America/Los_Angeles' }, rules: ['contact-timing/inconvenient-hours'],
      next: '2026-03-10T08:00:00-07:00',
    },
    { name: 'us 20:59 inside, 21:00 outside', text: EN, channel: 'sms', context: { sendAt: '2026-06-10T21:00:00-04:00' }, rules: ['contact-timing/inconvenient-hours'], next: '2026-06-11T08:00:00-04:00' },
    // Spring forward: 2026-03-08 02:00 → 03:00 in New York and Los Angeles.
    { name: 'New York spring-forward day, 03:30 EDT', text: EN, channel: 'email', context: { sendAt: '2026-03-08T07:30:00Z', timezone: 'America/New_York' }, rules: ['contact-timing/inconvenient-hours'], next: '2026-03-08T08:00:00-04:00' },
    { name: 'New York spring-forward day, 08:00 EDT passes', text: EN, channel: 'email', context: { sendAt: '2026-03-08T12:00:00Z', timezone: 'America/New_York' }, rules: [] },
    { name: 'Los Angeles spring-forward day, 07:59 PDT', text: EN, channel: 'email', context: { sendAt: '2026-03-08T14:59:00Z', timezone: 'America/Los_Angeles' }, rules: ['contact-timing/inconvenient-hours'], next: '2026-03-08T08:00:00-07:00' },
    { name: 'Los Angeles spring-forward day, 20:59 PDT passes', text: EN, channel: 'email', context: { sendAt: '2026-03-09T03:59:00Z', timezone: 'America/Los_Angeles' }, rules: [] },
    // Fall back: 2026-11-01 02:00 → 01:00; 01:30 happens twice.
    { name: 'New York repeated hour, first 01:30 (EDT)', text: EN, channel: 'email', context: { sendAt: '2026-11-01T05:30:00Z', timezone: 'America/New_York' }, rules: ['contact-timing/inconvenient-hours'], next: '2026-11-01T08:00:00-05:00' },
    { name: 'New York repeated hour, second 01:30 (EST)', text: EN, channel: 'email', context: { sendAt: '2026-11-01T06:30:00Z', timezone: 'America/New_York' }, rules: ['contact-timing/inconvenient-hours'], next: '2026-11-01T08:00:00-05:00' },
    { name: 'Los Angeles fall-back day, 21:00 PST', text: EN, channel: 'email', context: { sendAt: '2026-11-02T05:00:00Z', timezone: 'America/Los_Angeles' }, rules: ['contact-timing/inconvenient-hours'], next: '2026-11-02T08:00:00-08:00' },
    { name: 'Los Angeles fall-back day, 20:59 PST passes', text: EN, channel: 'email', context: { sendAt: '2026-11-02T04:59:00Z', timezone: 'America/Los_Angeles' }, rules: [] },
  ]);

  it('a window that starts inside the skipped hour opens when the clocks jump', () => {
    const config = { rules: { 'contact-timing/inconvenient-hours': { windows: [{ start: '02:30', end: '21:00' }] } } };
    const { result } = timing({ text: EN, channel: 'email', context: { sendAt: '2026-03-08T06:00:00Z', timezone: 'America/New_York' } }, config);
    expect(result.nextAllowedAt).toBe('2026-03-08T03:00:00-04:00');
  });

  it('states the fact in both languages', () => {
    const { result } = timing({ channel: 'sms', context: { sendAt: '2026-03-10T22:30:00+08:00' } });
    const f = result.findings.find((x) => x.ruleId === 'contact-timing/hours')!;
    expect(f.messages.en).toContain('22:30 on Tuesday in Asia/Shanghai is outside 08:00–22:00');
    expect(f.messages.zh).toContain('Asia/Shanghai 当地时间 22:30');
    expect(f.nextAllowedAt).toBe('2026-03-11T08:00:00+08:00');
    expect(f.start.offset).toBe(0);
  });

  it('per-weekday and per-channel windows from config', () => {
    const config = {
      rules: { 'contact-timing/hours': { channels: ['phone'], windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '20:00' }] } },
    };
    // Push is not restricted any more; a Saturday call is not allowed at all, so the next window is Monday 09:00.
    expect(timing({ channel: 'push', context: { sendAt: '2026-03-14T23:00:00+08:00' } }, config).ids).toEqual([]);
    const sat = timing({ channel: 'phone', context: { sendAt: '2026-03-14T10:00:00+08:00' } }, config);
    expect(sat.ids).toEqual(['contact-timing/hours']);
    expect(sat.result.nextAllowedAt).toBe('2026-03-16T09:00:00+08:00');
  });
});

describe('contact-calendar', () => {
  check([
    { name: 'Spring Festival 2026 (02-17) is a holiday: warning', channel: 'sms', context: { sendAt: '2026-02-17T10:00:00+08:00' }, rules: ['contact-timing/holiday'], next: '2026-02-24T08:00:00+08:00' },
    { name: 'the make-up working Saturday 2026-02-14 is an ordinary day', channel: 'sms', context: { sendAt: '2026-02-14T10:00:00+08:00' }, rules: [] },
    { name: 'an ordinary Saturday is allowed by default', channel: 'sms', context: { sendAt: '2026-03-07T10:00:00+08:00' }, rules: [] },
    { name: 'a 2027 date under the CN calendar is never ordinary', channel: 'sms', context: { sendAt: '2027-03-10T10:00:00+08:00' }, rules: ['contact-timing/holiday'], next: null },
    { name: 'us: a call on Thanksgiving 2026 is a warning', channel: 'phone', text: CALL, context: { sendAt: '2026-11-26T11:00:00-05:00' }, rules: ['contact-timing/holiday-calls'], next: '2026-11-27T08:00:00-05:00' },
    { name: 'us: an SMS on Thanksgiving is not restricted', channel: 'sms', text: EN, context: { sendAt: '2026-11-26T11:00:00-05:00' }, rules: [] },
    { name: 'us: Independence Day observed on Friday 2026-07-03', channel: 'phone', text: CALL, context: { sendAt: '2026-07-03T11:00:00-04:00' }, rules: ['contact-timing/holiday-calls'] },
  ]);

  it('explains the uncovered year and how to fix it', () => {
    const f = timing({ channel: 'sms', context: { sendAt: '2027-03-10T10:00:00+08:00' } }).result.findings[0]!;
    expect(f.severity).toBe('warning');
    expect(f.messages.en).toContain('no official schedule for 2027');
    expect(f.messages.en).toContain('years.2027');
  });

  it('a config-supplied year schedule replaces the guess', () => {
    const config = { rules: { 'contact-timing/holiday': { years: { '2027': { holidays: ['2027-02-06..2027-02-13'], workdays: ['2027-02-14'] } } } } };
    expect(timing({ channel: 'sms', context: { sendAt: '2027-03-10T10:00:00+08:00' } }, config).ids).toEqual([]);
    expect(timing({ channel: 'sms', context: { sendAt: '2027-02-08T10:00:00+08:00' } }, config).ids).toEqual(['contact-timing/holiday']);
    expect(dayInfo('cn', '2027-02-14', config.rules['contact-timing/holiday'].years)).toMatchObject({ type: 'workday', covered: true });
  });

  it('weekend: deny tells the make-up Saturday from a rest Saturday', () => {
    const config = { rules: { 'contact-timing/holiday': { weekend: 'deny' } } };
    expect(timing({ channel: 'sms', context: { sendAt: '2026-02-14T10:00:00+08:00' } }, config).ids).toEqual([]);
    const rest = timing({ channel: 'sms', context: { sendAt: '2026-03-07T10:00:00+08:00' } }, config);
    expect(rest.ids).toEqual(['contact-timing/holiday']);
    expect(rest.result.findings[0]!.severity).toBe('error');
    expect(rest.result.nextAllowedAt).toBe('2026-03-09T08:00:00+08:00');
  });

  it('a narrower holiday window', () => {
    const config = { rules: { 'contact-timing/holiday': { holiday: { start: '10:00', end: '18:00' } } } };
    expect(timing({ channel: 'sms', context: { sendAt: '2026-10-02T11:00:00+08:00' } }, config).ids).toEqual([]);
    const early = timing({ channel: 'sms', context: { sendAt: '2026-10-02T09:00:00+08:00' } }, config);
    expect(early.ids).toEqual(['contact-timing/holiday']);
    expect(early.result.nextAllowedAt).toBe('2026-10-02T10:00:00+08:00');
  });
});

describe('contact-stage (cn)', () => {
  check([
    { name: 'email on day 17 is outside the early stage', channel: 'email', context: { daysPastDue: 17 }, rules: ['contact-timing/stage'] },
    { name: 'email on day 18 is allowed', channel: 'email', context: { daysPastDue: 18 }, rules: [] },
    { name: 'letter on day 5 is outside the early stage; waiting does not help', channel: 'letter', context: { daysPastDue: 5, sendAt: '2026-03-10T10:00:00+08:00' }, rules: ['contact-timing/stage'], next: null },
    { name: 'SMS on day 1 is allowed', channel: 'sms', context: { daysPastDue: 1 }, rules: [] },
    { name: 'before the due date (day 0) no stage applies', channel: 'email', context: { daysPastDue: 0 }, rules: [] },
  ]);
  it('says from which day the channel is allowed', () => {
    const f = timing({ channel: 'email', context: { daysPastDue: 17 } }).result.findings[0]!;
    expect(f.messages.en).toContain('allowed from day 18');
    expect(f.severity).toBe('warning');
  });
});

describe('contact-frequency and quiet period', () => {
  const day = (d: number, h: number) => `2026-03-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:00:00-04:00`;
  check([
    { name: 'us: the 7th call in 7 days passes', text: CALL, channel: 'phone', context: { sendAt: day(16, 12), history: calls([10, 11, 12, 13, 14, 15].map((d) => day(d, 10))) }, rules: [] },
    {
      name: 'us: the 8th call in 7 days is over the cap; retry when the oldest leaves the window',
      text: CALL, channel: 'phone', context: { sendAt: day(16, 12), history: calls([10, 11, 12, 13, 14, 15, 16].map((d) => day(d, 10))) },
      rules: ['contact-timing/call-frequency'], next: '2026-03-17T10:00:00-04:00',
    },
    { name: 'us: texts do not count toward the call cap', text: CALL, channel: 'phone', context: { sendAt: day(16, 12), history: [10, 11, 12, 13, 14, 15, 16].map((d) => ({ channel: 'sms' as const, at: day(d, 10) })) }, rules: [] },
    {
      name: 'us: a call 6 days 23 hours after a conversation',
      text: CALL, channel: 'phone', context: { sendAt: '2026-03-16T09:00:00-04:00', history: calls(['2026-03-09T10:00:00-04:00'], true) },
      rules: ['contact-timing/call-after-conversation'], next: '2026-03-16T10:00:00-04:00',
    },
    { name: 'us: a call 7 days after a conversation passes', text: CALL, channel: 'phone', context: { sendAt: '2026-03-16T10:00:00-04:00', history: calls(['2026-03-09T10:00:00-04:00'], true) }, rules: [] },
    { name: 'us: an email the day after a conversation is not a call', text: EN, channel: 'email', context: { sendAt: '2026-03-10T10:00:00-04:00', history: calls(['2026-03-09T10:00:00-04:00'], true) }, rules: [] },
    {
      name: 'cn: the 4th connected call in a day',
      channel: 'phone', context: { sendAt: '2026-03-10T18:00:00+08:00', history: calls(['2026-03-10T09:00:00+08:00', '2026-03-10T11:00:00+08:00', '2026-03-10T15:00:00+08:00'], true) },
      rules: ['contact-timing/connected-calls'], next: '2026-03-11T08:00:00+08:00',
    },
    {
      name: 'cn: 3 connected calls yesterday do not count today',
      channel: 'phone', context: { sendAt: '2026-03-11T09:00:00+08:00', history: calls(['2026-03-10T09:00:00+08:00', '2026-03-10T11:00:00+08:00', '2026-03-10T15:00:00+08:00'], true) },
      rules: [],
    },
    {
      name: 'cn: the 7th call attempt in a day',
      channel: 'phone', context: { sendAt: '2026-03-10T19:00:00+08:00', history: calls(['09', '10', '11', '12', '13', '14'].map((h) => `2026-03-10T${h}:00:00+08:00`)) },
      rules: ['contact-timing/call-attempts'],
    },
    {
      name: 'cn: the 6th call attempt in a day passes',
      channel: 'phone', context: { sendAt: '2026-03-10T19:00:00+08:00', history: calls(['09', '10', '11', '12', '13'].map((h) => `2026-03-10T${h}:00:00+08:00`)) },
      rules: [],
    },
  ]);
});

describe('contact-consent', () => {
  check([
    { name: 'cn: SMS after opting out of SMS', channel: 'sms', context: { optedOut: ['sms'] }, rules: ['contact-timing/do-not-contact'] },
    { name: 'cn: SMS after opting out of email', channel: 'sms', context: { optedOut: ['email'] }, rules: [] },
    { name: 'us: anything after a cease request', text: EN, channel: 'sms', context: { ceaseCommunication: true, sendAt: '2026-03-10T10:00:00-04:00' }, rules: ['contact-timing/do-not-contact'], next: null },
    { name: 'us: the confirmation that contact stops', text: 'As requested, Acme Recovery will stop communicating with you about this debt.', channel: 'letter', context: { ceaseCommunication: true }, rules: [] },
  ]);
});

describe('bad context', () => {
  it('names each bad field and still lints the text', () => {
    const r = linter.lint({
      text: '明天上门找你。',
      channel: 'sms',
      context: { sendAt: 'tomorrow', timezone: 'Mars/Olympus', daysPastDue: -3, history: 'lots' as never, optedOut: ['fax'] as never },
    });
    const pointers = (r.contextErrors ?? []).map((e) => e.pointer).sort();
    expect(pointers).toEqual(['/context/daysPastDue', '/context/history', '/context/optedOut/0', '/context/timezone']);
    expect(r.findings.some((f) => f.ruleId === 'threat/visit')).toBe(true);
    expect(r.findings.some((f) => f.category === 'contact-timing')).toBe(false);
  });

  it('an unparseable date is reported with its pointer', () => {
    const r = linter.lint({ text: ZH, channel: 'sms', context: { sendAt: '2026-02-30T10:00:00+08:00', history: [{ channel: 'phone', at: 'yesterday' }] } });
    expect(r.contextErrors).toEqual([
      { pointer: '/context/sendAt', message: 'not an ISO 8601 date-time: "2026-02-30T10:00:00+08:00"' },
      { pointer: '/context/history/0/at', message: 'not an ISO 8601 date-time: "yesterday"' },
    ]);
  });

  it('a bad policy override is a config error naming the rule and field', () => {
    expect(() => createLinter({ config: { rules: { 'contact-timing/hours': { windows: [{ start: '22:00', end: '08:00' }] } } } }).ruleset('cn')).toThrow(
      /\/rules\/contact-timing~1hours\/windows\/0.*must start before it ends/,
    );
    expect(() => createLinter({ config: { timezone: 'Asia/Nowhere' } })).toThrow(/\/timezone.*unknown IANA time zone/);
  });
});

describe('zoned time', () => {
  it('maps wall times to instants across both DST transitions', () => {
    expect(isoInZone(instantOf('2026-03-08', 2 * 60 + 30, 'America/New_York'), 'America/New_York')).toBe('2026-03-08T03:00:00-04:00');
    expect(isoInZone(instantOf('2026-11-01', 60 + 30, 'America/New_York'), 'America/New_York')).toBe('2026-11-01T01:30:00-04:00');
    expect(localTime(parseDateTime('2026-11-01T06:30:00Z', 'UTC')!, 'America/New_York').clock).toBe('01:30');
    expect(parseDateTime('2026-13-01T00:00:00Z', 'UTC')).toBeNull();
  });

  it('the quarter-hour offset cache agrees with Intl at any instant, in odd zones too', () => {
    const zones = ['Asia/Kathmandu', 'Australia/Lord_Howe', 'America/St_Johns', 'America/New_York', 'Asia/Shanghai', 'Pacific/Chatham'];
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 0, 1) }), fc.constantFrom(...zones), (ms, zone) => {
        const parts = Object.fromEntries(
          new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
            .formatToParts(ms)
            .map((p) => [p.type, p.value]),
        );
        const lt = localTime(ms, zone);
        expect(lt.date).toBe(`${parts.year}-${parts.month}-${parts.day}`);
        expect(lt.clock).toBe(`${parts.hour}:${parts.minute}`);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('nextAllowedAt (property)', () => {
  const zones = ['Asia/Shanghai', 'America/New_York', 'America/Los_Angeles', 'Pacific/Honolulu', 'Europe/London'];
  // Days near DST switches, holidays and make-up workdays, plus ordinary ones.
  const anchors = ['2026-02-13', '2026-02-22', '2026-03-07', '2026-03-08', '2026-10-01', '2026-10-31', '2026-11-01', '2026-11-25', '2026-06-15', '2026-12-31'];
  const send = fc.record({
    ruleset: fc.constantFrom('cn', 'us'),
    zone: fc.constantFrom(...zones),
    channel: fc.constantFrom<Channel>('sms', 'phone', 'email'),
    anchor: fc.constantFrom(...anchors),
    minute: fc.integer({ min: -2 * 1440, max: 2 * 1440 }),
    history: fc.array(fc.record({ back: fc.integer({ min: 1, max: 8 * 1440 }), channel: fc.constantFrom<Channel>('phone', 'phone', 'sms'), conversation: fc.boolean() }), { maxLength: 10 }),
  });

  it('passes every timing rule, and no earlier minute after sendAt does', () => {
    let checked = 0;
    fc.assert(
      fc.property(send, (s) => {
        const at = Date.parse(`${s.anchor}T12:00:00Z`) + s.minute * 60_000;
        const context: MessageContext = {
          sendAt: new Date(at).toISOString(),
          timezone: s.zone,
          daysPastDue: 40,
          history: s.history.map((h) => ({ channel: h.channel, at: new Date(at - h.back * 60_000).toISOString(), conversation: h.channel === 'phone' && h.conversation })),
        };
        const text = s.ruleset === 'cn' ? ZH : s.channel === 'phone' ? CALL : EN;
        const r = linter.lint({ text, channel: s.channel, ruleset: s.ruleset, context });
        if (r.nextAllowedAt === undefined || r.nextAllowedAt === null) return;
        const next = Date.parse(r.nextAllowedAt);
        expect(next).toBeGreaterThan(at);
        checked++;
        const later = linter.lint({ text, channel: s.channel, ruleset: s.ruleset, context: { ...context, sendAt: r.nextAllowedAt } });
        expect(later.findings.filter((f) => f.category === 'contact-timing')).toEqual([]);

        // Every minute in between fails some timing rule (minute by minute near both ends, every 10 minutes in a long middle).
        const rs = linter.ruleset(s.ruleset);
        const facts = readSendFacts(context, s.channel, rs.timezone).facts;
        const doc = new Document(text, s.channel, context, {});
        const passes = (t: number) => rs.timingChecks.every((c) => c({ ...facts, at: t }, doc) === null);
        for (let t = at; t < next; ) {
          expect(passes(t), new Date(t).toISOString()).toBe(false);
          const nearEnd = t < at + 1440 * 60_000 || t > next - 1440 * 60_000;
          t += nearEnd ? 60_000 : 600_000;
        }
      }),
      { numRuns: 50, seed: 20261128 },
    );
    // The generator must actually produce blocked sends, or the property says nothing.
    expect(checked).toBeGreaterThan(15);
  });
});
