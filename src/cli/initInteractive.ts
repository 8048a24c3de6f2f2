import { createInterface } from 'node:readline';
import { initAnswerProblem } from '../app/people.js';
import { bilingual, type MessageKey } from '../core/messages.js';

export interface InitAnswers {
  siteKey: string;
  nameVi: string;
  nameEn: string;
  prefix: string;
  domain?: string;
  adminName: string;
  adminEmail?: string;
}

interface Question {
  field: keyof InitAnswers;
  ask: MessageKey;
  check: 'key' | 'prefix' | 'name' | 'email' | 'domain';
  optional?: boolean;
  /** Shaped as the rule wants it (a prefix in capitals) before it is checked. */
  shape?: (answer: string) => string;
}

const QUESTIONS: Question[] = [
  { field: 'siteKey', ask: 'init_ask_key', check: 'key', shape: (a) => a.toLowerCase() },
  { field: 'nameVi', ask: 'init_ask_name_vi', check: 'name' },
  { field: 'nameEn', ask: 'init_ask_name_en', check: 'name' },
  { field: 'prefix', ask: 'init_ask_prefix', check: 'prefix', shape: (a) => a.toUpperCase() },
  { field: 'domain', ask: 'init_ask_domain', check: 'domain', optional: true, shape: (a) => a.toLowerCase().replace(/^https?:\/\//, '').replace(/\/+$/, '').replace(/\.$/, '') },
  { field: 'adminName', ask: 'init_ask_admin', check: 'name' },
  { field: 'adminEmail', ask: 'init_ask_email', check: 'email', optional: true },
];

/** What is wrong with the answers given as options, before any question is asked or any file made. */
export function givenAnswerProblems(given: Partial<InitAnswers>): string[] {
  return QUESTIONS.flatMap((q) => {
    const value = given[q.field];
    if (value === undefined) return [];
    const problem = initAnswerProblem(q.check, q.shape ? q.shape(value) : value);
    return problem ? [bilingual(problem.reason, problem.detail)] : [];
  });
}

/**
 * The questions a province answers before its first site exists, one at a time in both languages; a
 * refused answer is said why and asked again. Null when the input ends or the operator says no at the
 * end: nothing is written then.
 */
export async function askInitAnswers(given: Partial<InitAnswers>): Promise<InitAnswers | null> {
  const rl = createInterface({ input: process.stdin, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  const ask = async (key: MessageKey): Promise<string | null> => {
    process.stdout.write(`${bilingual(key)}\n> `);
    const next = await lines.next();
    return next.done ? null : String(next.value).trim();
  };
  try {
    const answers: Partial<InitAnswers> = { ...given };
    for (const q of QUESTIONS) {
      if (answers[q.field] !== undefined) continue;
      for (;;) {
        const raw = await ask(q.ask);
        if (raw === null) return null;
        const answer = q.shape ? q.shape(raw) : raw;
        if (answer === '' && q.optional) break;
        const problem = initAnswerProblem(q.check, answer);
        if (!problem) {
          answers[q.field] = answer;
          break;
        }
        console.error(bilingual(problem.reason, problem.detail));
      }
    }
    const complete = answers as InitAnswers;
    console.log(
      bilingual('init_summary', {
        key: complete.siteKey,
        vi: complete.nameVi,
        en: complete.nameEn,
        prefix: complete.prefix,
        domain: complete.domain ?? '—',
        admin: complete.adminName,
        email: complete.adminEmail ?? '—',
      }),
    );
    const confirm = await ask('init_ask_confirm');
    return confirm !== null && /^(c|có|co|y|yes)$/i.test(confirm) ? complete : null;
  } finally {
    rl.close();
  }
}
