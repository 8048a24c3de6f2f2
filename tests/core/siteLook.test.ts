import { describe, expect, it } from 'vitest';
import { checkAccentColour, contrastWithWhite, darkerShade, lookStylesheet, MIN_CONTRAST, normalColour } from '../../src/core/siteLook.js';
import { bilingual } from '../../src/core/messages.js';

describe('a site’s accent colour against white (WCAG AA, 4.5:1)', () => {
  it('computes the ratios WCAG gives for known colours', () => {
    expect(contrastWithWhite('#000000')).toBeCloseTo(21, 5);
    expect(contrastWithWhite('#ffffff')).toBeCloseTo(1, 5);
    // #767676 is the lightest grey that passes on white; #777777 is not.
    expect(contrastWithWhite('#767676')).toBeGreaterThanOrEqual(MIN_CONTRAST);
    expect(contrastWithWhite('#777777')).toBeLessThan(MIN_CONTRAST);
  });

  it('accepts #0b5394 in any case, with or without #, and keeps it lower case', () => {
    expect(checkAccentColour('#0b5394')).toEqual({ ok: true, value: '#0b5394' });
    expect(checkAccentColour(' #0B5394 ')).toEqual({ ok: true, value: '#0b5394' });
    expect(checkAccentColour('0b5394')).toEqual({ ok: true, value: '#0b5394' });
    // The portal's own red passes too.
    expect(checkAccentColour('#a50e24').ok).toBe(true);
  });

  it('refuses a light yellow with its ratio, and suggests a darker shade of it that passes', () => {
    const r = checkAccentColour('#ffeb99');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toBe('site_colour_low_contrast');
    expect(r.detail).toMatchObject({ colour: '#ffeb99', ratio: '1.19', ratioVi: '1,19' });
    const suggestion = r.detail!['suggestion']!;
    expect(contrastWithWhite(suggestion)).toBeGreaterThanOrEqual(MIN_CONTRAST);
    // The same hue, only darker: red stays the largest channel, blue the smallest.
    const [red, green, blue] = [1, 3, 5].map((i) => Number.parseInt(suggestion.slice(i, i + 2), 16));
    expect(red!).toBeGreaterThan(green!);
    expect(green!).toBeGreaterThan(blue!);
    const said = bilingual(r.reason, r.detail);
    expect(said).toMatch(/^Màu #ffeb99 chỉ đạt độ tương phản 1,19:1 với nền trắng, cần ít nhất 4,5:1/);
    expect(said).toContain(`ví dụ ${suggestion} (`);
    expect(said).toContain('Colour #ffeb99 has a contrast ratio of only 1.19:1 against white; at least 4.5:1 (WCAG AA)');
    expect(said.indexOf('Màu')).toBeLessThan(said.indexOf('Colour'));
  });

  it('never says a refused ratio as 4.50 (cut, not rounded)', () => {
    // #777777 is 4.478:1 against white.
    const r = checkAccentColour('#777777');
    expect(r).toMatchObject({ ok: false, detail: { ratio: '4.47' } });
  });

  it('refuses what is no #rrggbb', () => {
    for (const typed of ['blue', '#fff', '#0b539', '#0b5394ff', 'rgb(0,0,0)', '']) {
      expect(checkAccentColour(typed), typed).toMatchObject({ ok: false, reason: 'site_colour_bad' });
    }
    expect(normalColour('#GGGGGG')).toBeNull();
  });

  it('makes the darkest needed shade only as dark as needed', () => {
    const shade = darkerShade('#66aaff');
    expect(contrastWithWhite(shade)).toBeGreaterThanOrEqual(MIN_CONTRAST);
    expect(contrastWithWhite(shade)).toBeLessThan(MIN_CONTRAST + 0.3);
  });

  it('draws a stylesheet only for a colour a site may have', () => {
    expect(lookStylesheet('#0b5394')).toContain(':root { --accent: #0b5394; --link: #0b5394; }');
    expect(lookStylesheet('#ffeb99')).toBeNull();
    expect(lookStylesheet('#0B5394')).toBeNull();
    expect(lookStylesheet('red;}body{display:none')).toBeNull();
  });
});
