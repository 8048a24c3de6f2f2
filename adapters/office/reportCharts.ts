import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';
import type { ReportFigures } from '../../src/app/reports/figures.js';
import { shownDay } from '../../src/core/dates.js';
import { message } from '../../src/core/messages.js';

/** Which chart it is: the Word report puts each in its section by this. */
export type ChartKey = 'week' | 'section' | 'site' | 'visits';

export interface ReportChart {
  key: ChartKey;
  /** Vietnamese, as drawn on the picture (report_chart_{key}). */
  title: string;
  png: Buffer;
}

const FONT = 'DejaVu Sans';
// The font ships in a package: a server's own fonts may lack Vietnamese glyphs (they would print as boxes), and
// resvg is told not to look for them, so every machine draws the same picture.
const require = createRequire(import.meta.url);
const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((file) => require.resolve(`dejavu-fonts-ttf/ttf/${file}`));
/** Longest bar lists drawn; the tables carry every row. */
const MOST_BARS = 15;
const WIDTH = 800;

const vi = (key: string) => message('vi', key);
const count = new Intl.NumberFormat('vi-VN');
const numberAxis = (name: string) => ({ type: 'value' as const, name, minInterval: 1, axisLabel: { formatter: (v: number) => count.format(v) } });
/** A chart's day labels: dd/mm, or dd/mm/yyyy when the days run over more than one year (01/01 would be ambiguous). */
export function dayLabels(days: readonly string[]): string[] {
  const years = new Set(days.map((d) => d.slice(0, 4)));
  return days.map((d) => (years.size > 1 ? shownDay(d) : shownDay(d).slice(0, 5)));
}

/** An SVG drawn by ECharts without a browser (its SSR mode), rasterised by resvg at twice the size for print. */
function render(title: string, option: EChartsOption, height: number): Buffer {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height });
  let svg: string;
  try {
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: FONT },
      title: { text: title, left: 'center', textStyle: { fontFamily: FONT, fontSize: 18, fontWeight: 'bold' } },
      ...option,
    });
    svg = chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
  const resvg = new Resvg(svg, { font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: FONT }, fitTo: { mode: 'width', value: WIDTH * 2 }, background: '#ffffff' });
  return Buffer.from(resvg.render().asPng());
}

/** A period with nothing to draw still gets its picture, saying so: the report keeps its shape. */
const empty = (title: string) =>
  render(title, { graphic: [{ type: 'text', left: 'center', top: 'middle', style: { text: vi('report_no_data'), fontSize: 22, fontFamily: FONT, fill: '#666666' } }] }, 300);

function columns(title: string, labels: string[], values: number[], xName: string, yName: string, line = false): Buffer {
  if (values.length === 0) return empty(title);
  return render(
    title,
    {
      grid: { left: 24, right: 48, top: 70, bottom: 40, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      xAxis: { type: 'category', name: xName, nameLocation: 'middle', nameGap: 28, data: labels, axisLabel: { hideOverlap: true } },
      yAxis: numberAxis(yName),
      series: [line ? { type: 'line', data: values, showSymbol: values.length <= 31, lineStyle: { width: 2 } } : { type: 'bar', data: values, barMaxWidth: 48, label: { show: values.length <= 16, position: 'top' } }],
    },
    420,
  );
}

/** Horizontal bars, longest first: names of sections and sites are long and read best on the left. */
function bars(title: string, rows: { name: string; value: number }[], xName: string): Buffer {
  const shown = rows.filter((r) => r.value > 0).slice(0, MOST_BARS);
  if (shown.length === 0) return empty(title);
  return render(
    title,
    {
      grid: { left: 24, right: 56, top: 64, bottom: 40, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      xAxis: { ...numberAxis(xName), nameLocation: 'middle', nameGap: 26 },
      yAxis: { type: 'category', inverse: true, data: shown.map((r) => r.name), axisLabel: { width: 260, overflow: 'truncate' } },
      series: [{ type: 'bar', data: shown.map((r) => r.value), barMaxWidth: 26, label: { show: true, position: 'right', formatter: (p: { value: unknown }) => count.format(Number(p.value)) } }],
    },
    Math.max(260, 110 + 32 * shown.length),
  );
}

/** The report's charts, titles and axes in Vietnamese; by site only when the report covers more than one site. */
export function reportCharts(f: ReportFigures): ReportChart[] {
  const chart = (key: ChartKey, draw: (title: string) => Buffer): ReportChart => {
    const title = vi(`report_chart_${key}`);
    return { key, title, png: draw(title) };
  };
  const charts = [
    chart('week', (t) => columns(t, dayLabels(f.items.perWeek.map((w) => w.key)), f.items.perWeek.map((w) => w.count), vi('report_axis_week'), vi('report_axis_items'))),
    chart('section', (t) => bars(t, f.items.bySection.map((c) => ({ name: c.key === '' ? vi('report_no_section') : (c.name?.vi ?? c.key), value: c.count })), vi('report_axis_items'))),
  ];
  if (f.sites.length > 1) charts.push(chart('site', (t) => bars(t, [...f.sites].sort((a, b) => b.published - a.published).map((s) => ({ name: s.name.vi, value: s.published })), vi('report_axis_items'))));
  charts.push(chart('visits', (t) => columns(t, dayLabels(f.visits.perDay.map((d) => d.day)), f.visits.perDay.map((d) => d.views), vi('report_axis_day'), vi('report_axis_views'), true)));
  return charts;
}
