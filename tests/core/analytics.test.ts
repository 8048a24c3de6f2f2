import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { addToSketch, emptySketch, mergeSketches, sketchCount } from '../../src/core/analytics/visitorSketch.js';

const hashOf = (text: string) => createHash('sha256').update(text).digest();

describe('unique visitors from a sketch', () => {
  it.each([0, 1, 10, 1_000, 20_000, 200_000])('estimates %i distinct visitors within 5 %, however often each comes', (n) => {
    const sketch = emptySketch();
    for (let i = 0; i < n; i += 1) for (let again = 0; again < 3; again += 1) addToSketch(sketch, hashOf(`visitor-${i}`));
    const estimate = sketchCount(sketch);
    if (n === 0) expect(estimate).toBe(0);
    else expect(Math.abs(estimate - n) / n).toBeLessThan(0.05);
  });

  it('two halves merged count as the whole, the shared visitors once', () => {
    const a = emptySketch();
    const b = emptySketch();
    const whole = emptySketch();
    for (let i = 0; i < 30_000; i += 1) {
      const h = hashOf(`v${i}`);
      if (i < 20_000) addToSketch(a, h);
      if (i >= 10_000) addToSketch(b, h);
      addToSketch(whole, h);
    }
    expect(mergeSketches(a, b)).toEqual(whole);
    expect(Math.abs(sketchCount(whole) - 30_000) / 30_000).toBeLessThan(0.05);
  });
});
