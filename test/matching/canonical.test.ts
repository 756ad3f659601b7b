import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultSettings } from '../../src/core/settings.js';
import { createMatcher, scorePair, type Features } from '../../src/matching/index.js';
import { CONFUSERS, PAIRS } from './canonical.js';

const threshold = defaultSettings.matchThreshold;
const matcher = createMatcher();

const offers = [...new Set([...PAIRS.map((p) => p.offer), ...CONFUSERS.map((c) => c.offer)])];
const needs = [...new Set([...PAIRS.map((p) => p.need), ...CONFUSERS.map((c) => c.need)])];
const features = new Map<string, Features>();
const ready = (async () => {
  const texts = [...needs, ...offers];
  const f = await matcher.featurize(texts);
  texts.forEach((t, i) => features.set(t, f[i] as Features));
})();
const score = (need: string, offer: string): number =>
  scorePair(matcher, features.get(need) as Features, features.get(offer) as Features);

test('the canonical list is broad enough to mean something', () => {
  assert.ok(PAIRS.length >= 40, `${PAIRS.length} pairs`);
  assert.ok(CONFUSERS.length >= 15, `${CONFUSERS.length} confusers`);
  assert.ok(new Set(PAIRS.map((p) => p.kind)).size >= 12, 'many kinds of help');
  const known = [...PAIRS, ...CONFUSERS].filter((x) => x.known).length;
  assert.ok(known <= 3, `${known} known misses: the list is a bar, not a wish list`);
});

for (const p of PAIRS)
  test(
    `${p.kind}: "${p.need}" → "${p.offer}" first of all offers, and shown`,
    { todo: p.known },
    async () => {
      await ready;
      const ranked = offers.map((o) => ({ o, s: score(p.need, o) })).sort((a, b) => b.s - a.s);
      const first = ranked[0];
      assert.ok(first);
      const right = [p.offer, ...(p.also ?? [])];
      assert.ok(
        right.includes(first.o),
        `first is "${first.o}" (${first.s.toFixed(3)}); "${p.offer}" scores ${score(p.need, p.offer).toFixed(3)}`,
      );
      assert.ok(
        score(p.need, p.offer) >= threshold,
        `score ${score(p.need, p.offer).toFixed(3)} < ${threshold}`,
      );
    },
  );

for (const c of CONFUSERS)
  test(`confuser: "${c.need}" ↛ "${c.offer}" is not shown`, { todo: c.known }, async () => {
    await ready;
    assert.ok(
      score(c.need, c.offer) < threshold,
      `score ${score(c.need, c.offer).toFixed(3)} ≥ ${threshold}`,
    );
  });
