import assert from 'node:assert/strict';
import { describe, it } from './harness.js';

import {
  addDays,
  dayOf,
  daysBetween,
  interactionDayCheck,
  isValidDay,
  nextAnniversary,
} from '../../src/core/dates.js';
import { parseDay } from '../../src/core/date-text.js';

// Tests run with TZ=UTC; `now` is mid-morning so no time-zone edge is involved.
const FRIDAY = new Date('2026-03-13T10:00:00Z');
const SATURDAY = new Date('2026-03-14T10:00:00Z');

describe('day arithmetic', () => {
  it('daysBetween counts whole days, signed', () => {
    assert.equal(daysBetween('2026-01-01', '2026-01-31'), 30);
    assert.equal(daysBetween('2026-01-31', '2026-01-01'), -30);
    assert.equal(daysBetween('2028-02-28', '2028-03-01'), 2);
    assert.equal(daysBetween('2025-12-31', '2026-01-01'), 1);
  });
  it('addDays crosses months, leap days and years', () => {
    assert.equal(addDays('2026-02-27', 2), '2026-03-01');
    assert.equal(addDays('2028-02-28', 1), '2028-02-29');
    assert.equal(addDays('2026-01-01', -1), '2025-12-31');
    assert.equal(addDays('2026-03-29', 0), '2026-03-29');
  });
  it('refuses something that is not an ISO day', () => {
    assert.throws(() => daysBetween('2026-3-1', '2026-03-02'), RangeError);
  });
  it('isValidDay', () => {
    assert.equal(isValidDay('2026-02-28'), true);
    assert.equal(isValidDay('2028-02-29'), true);
    assert.equal(isValidDay('2026-02-29'), false);
    assert.equal(isValidDay('2026-02-30'), false);
    assert.equal(isValidDay('2026-13-01'), false);
    assert.equal(isValidDay('2026-1-01'), false);
    assert.equal(isValidDay('today'), false);
  });
  it('dayOf is the calendar day of an instant', () => {
    assert.equal(dayOf(new Date('2026-01-05T23:59:00Z')), '2026-01-05');
  });
});

describe('parseDay: ISO and natural dates', () => {
  const cases: [string, Date, string | undefined][] = [
    ['today', FRIDAY, '2026-03-13'],
    ['yesterday', FRIDAY, '2026-03-12'],
    ['tomorrow', FRIDAY, '2026-03-14'],
    ['in 2 weeks', FRIDAY, '2026-03-27'],
    ['3 days ago', FRIDAY, '2026-03-10'],
    ['next monday', SATURDAY, '2026-03-16'],
    // "friday" is today or the coming Friday, never a past one.
    ['friday', FRIDAY, '2026-03-13'],
    ['Friday', SATURDAY, '2026-03-20'],
    ['fri', SATURDAY, '2026-03-20'],
    ['2026-03-14', FRIDAY, '2026-03-14'],
    ['  2026-03-14  ', FRIDAY, '2026-03-14'],
    ['2028-02-29', FRIDAY, '2028-02-29'],
    ['2026-02-30', FRIDAY, undefined],
    ['2026-02-29', FRIDAY, undefined],
    ['2026-13-45', FRIDAY, undefined],
    ['frobday', FRIDAY, undefined],
    ['friday frobday', FRIDAY, undefined],
    ['', FRIDAY, undefined],
    ['   ', FRIDAY, undefined],
  ];
  for (const [text, now, expected] of cases)
    it(`${JSON.stringify(text)} on ${now.toISOString().slice(0, 10)} → ${expected ?? 'undefined'}`, () => {
      assert.equal(parseDay(text, now), expected);
    });
});

describe('nextAnniversary: birthdays', () => {
  it('year-less --MM-DD: later this year', () => {
    assert.equal(nextAnniversary('--03-20', '2026-03-13'), '2026-03-20');
  });
  it('today is today, not next year', () => {
    assert.equal(nextAnniversary('--03-13', '2026-03-13'), '2026-03-13');
  });
  it('already passed → next year', () => {
    assert.equal(nextAnniversary('--03-12', '2026-03-13'), '2027-03-12');
    assert.equal(nextAnniversary('--01-01', '2026-12-31'), '2027-01-01');
  });
  it('with a birth year', () => {
    assert.equal(nextAnniversary('1990-07-04', '2026-03-13'), '2026-07-04');
  });
  it('29 February falls on 28 February in a non-leap year, and on the 29th in a leap year', () => {
    assert.equal(nextAnniversary('--02-29', '2026-02-01'), '2026-02-28');
    assert.equal(nextAnniversary('1992-02-29', '2026-02-28'), '2026-02-28');
    assert.equal(nextAnniversary('--02-29', '2026-03-01'), '2027-02-28');
    assert.equal(nextAnniversary('--02-29', '2027-03-01'), '2028-02-29');
    assert.equal(nextAnniversary('--02-29', '2028-02-01'), '2028-02-29');
  });
  it('not a birthday → undefined', () => {
    assert.equal(nextAnniversary('soon', '2026-03-13'), undefined);
    assert.equal(nextAnniversary('--13-01', '2026-03-13'), undefined);
    assert.equal(nextAnniversary('--02-30', '2026-03-13'), undefined);
  });
});

describe('interactionDayCheck: no interaction pinned in the far future', () => {
  it('today and up to maxFutureDays ahead are fine; later is refused', () => {
    assert.equal(interactionDayCheck('2026-03-14', '2026-03-14', 1).verdict, 'ok');
    assert.equal(interactionDayCheck('2026-03-15', '2026-03-14', 1).verdict, 'ok');
    assert.deepEqual(interactionDayCheck('2026-03-16', '2026-03-14', 1), {
      verdict: 'future',
      latest: '2026-03-15',
    });
    assert.equal(interactionDayCheck('9999-12-31', '2026-03-14', 365).verdict, 'future');
    assert.equal(interactionDayCheck('2026-03-15', '2026-03-14', 0).verdict, 'future');
  });
  it('before 1900 or more than a hundred years ago: a warning', () => {
    assert.equal(interactionDayCheck('1899-12-31', '2026-03-14', 1).verdict, 'distant_past');
    assert.equal(interactionDayCheck('1926-03-13', '2026-03-14', 1).verdict, 'distant_past');
    assert.equal(interactionDayCheck('1926-03-14', '2026-03-14', 1).verdict, 'ok');
    assert.equal(interactionDayCheck('1999-01-01', '2026-03-14', 1).verdict, 'ok');
  });
});
