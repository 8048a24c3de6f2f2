import type { ViewedKind } from '../../core/analytics/pageViews.js';

export interface PageViewRow {
  hour: string;
  siteKey: string;
  kind: ViewedKind;
  ref: string;
  views: number;
}

export interface VisitorSketchRow {
  day: string;
  siteKey: string;
  registers: Uint8Array;
}

export interface SearchTermRow {
  day: string;
  term: string;
  count: number;
}

export interface DayViews {
  day: string;
  siteKey: string;
  kind: ViewedKind;
  ref: string;
  views: number;
}

/** Page views, visitors and searches counted by the web processes (issue 20.5). */
export interface AnalyticsStore {
  /** Adds one flush: views to their hour rows, sketches merged register by register, search terms counted. */
  addPageViews(views: readonly PageViewRow[], sketches: readonly VisitorSketchRow[], terms: readonly SearchTermRow[]): Promise<void>;
  /** Hour rows before `beforeHour` moved into their local day (at most a few thousand a run); how many moved. */
  rollUpPageViewHours(beforeHour: string, dayOf: (hour: string) => string): Promise<number>;
  /** Views per local day and page from `fromDay` to `toDay` inclusive, day rows and the hours not rolled up yet alike. */
  pageViewDays(fromDay: string, toDay: string, dayOf: (hour: string) => string, siteKey?: string): Promise<DayViews[]>;
  /** The sketches of the province's days from `fromDay` to `toDay` inclusive. */
  visitorSketches(fromDay: string, toDay: string, siteKey?: string): Promise<VisitorSketchRow[]>;
  /** The most searched terms of the days, most first. */
  topSearchTerms(fromDay: string, toDay: string, limit: number): Promise<{ term: string; count: number }[]>;
}
