import assert from 'node:assert/strict';
import { test } from 'node:test';
import { giveKindOf } from '../../src/core/give-kind.js';

test('the kind of give an offer makes is read from its words', () => {
  const cases: [string, string][] = [
    ['Introductions to Berlin data engineers', 'intro'],
    ['intros to fintech founders', 'intro'],
    ['can connect you with our CTO', 'intro'],
    ['a referral to the Lumen Pay hiring manager', 'referral'],
    ['a LinkedIn recommendation for your work on the migration', 'recommendation'],
    ['a data engineering job at our company', 'opportunity'],
    ['my template for board decks', 'resource'],
    ['Postgres performance tuning and slow SQL query reviews', 'advice'],
    ['Kafka connectors and stream processing', 'advice'],
  ];
  for (const [offer, kind] of cases) assert.equal(giveKindOf(offer), kind, offer);
});
