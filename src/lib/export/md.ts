// The results as Markdown, for a wiki or a mail, in German: the conference, its programme, each table's
// question, Ernte, clusters with their ideas and vote results, the Landkarte's initiatives (with what they
// look for and offer) and who works together, and every action plan with its steps. No contact details (a wiki page or a mail goes further than the
// facilitators). Every user text is escaped: HTML characters become entities (no tag, no `javascript:`
// link can form) and Markdown syntax is backslash-escaped, so a text reads exactly as typed.

import { formatMinutes, schedule, type Plan } from '../model';
import { STATUS_EXPORT } from '../model/initiative-csv';
import { germanDate, PLAN_STATUS_DE } from './labels';
import type { ConferenceExport } from './snapshot';

/** One line of user text, inert in Markdown and HTML. */
export function mdText(input: string): string {
  return input
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]#|~]/g, (c) => `\\${c}`)
    .replace(/^([-+=])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/** A multi-line user text: each line escaped and trimmed, lines kept as hard breaks. */
export function mdBlock(input: string): string {
  return input
    .split('\n')
    .map((l) => mdText(l.trim()))
    .filter((l) => l !== '')
    .join('  \n');
}

const MONTHS = [
  'Januar',
  'Februar',
  'März',
  'April',
  'Mai',
  'Juni',
  'Juli',
  'August',
  'September',
  'Oktober',
  'November',
  'Dezember'
];
/** `2027-03-03` → `3. März 2027`. */
export const longDate = (iso: string): string =>
  `${Number(iso.slice(8, 10))}. ${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;

function dates(c: ConferenceExport['conference']): string {
  if (!c.startDate) return '';
  if (!c.endDate || c.endDate === c.startDate) return longDate(c.startDate);
  return `${longDate(c.startDate)} bis ${longDate(c.endDate)}`;
}

function planLines(plan: Plan, data: ConferenceExport): string[] {
  const field = data.fields.find((f) => f.id === plan.fieldId);
  const partners = plan.partners.flatMap((id) => data.initiatives.find((i) => i.id === id)?.name ?? []);
  const out = [`### ${mdText(plan.title)}`, ''];
  out.push(`Status: ${PLAN_STATUS_DE[plan.status]}${field ? ` · Handlungsfeld: ${mdText(field.name)}` : ''}`);
  if (plan.goal) out.push('', `**Ziel:** ${mdBlock(plan.goal)}`);
  if (plan.resources) out.push('', `**Ressourcen:** ${mdBlock(plan.resources)}`);
  if (partners.length || plan.partnersText)
    out.push(
      '',
      `**Partner:** ${[...partners.map(mdText), ...(plan.partnersText ? [mdBlock(plan.partnersText)] : [])].join(', ')}`
    );
  if (plan.contact) out.push('', `**Ansprechperson:** ${mdText(plan.contact)}`);
  if (plan.steps.length) {
    out.push('', '**Nächste Schritte:**', '');
    for (const s of plan.steps) {
      const who = s.who
        ? ` (${mdText(s.who)}` + (s.due ? `, bis ${germanDate(s.due)})` : ')')
        : s.due
          ? ` (bis ${germanDate(s.due)})`
          : '';
      out.push(`- [${s.done ? 'x' : ' '}] ${mdText(s.text)}${who}`);
    }
  }
  out.push('');
  return out;
}

/** The whole results document. `madeAt` is shown as the date it was made. */
export function exportToMarkdown(data: ConferenceExport): string {
  const c = data.conference;
  const out: string[] = [`# ${mdText(c.title || 'Konferenz')}`, ''];
  const facts = [c.region && `Region: ${mdText(c.region)}`, dates(c), c.venue && `Ort: ${mdText(c.venue)}`];
  for (const f of facts.filter(Boolean)) out.push(`${f}  `);
  out.push(`Stand: ${longDate(data.exportedAt.slice(0, 10))}`, '');

  const days = schedule(data.programme);
  if (days.length) {
    out.push('## Programm', '');
    for (const day of days) {
      if (days.length > 1) out.push(`### Tag ${day.day + 1}`, '');
      for (const item of day.items)
        out.push(
          `- ${formatMinutes(item.start)}–${formatMinutes(item.end)} ${mdText(item.title)}${item.speaker ? ` (${mdText(item.speaker)})` : ''}`
        );
      out.push('');
    }
  }

  if (data.tables.length) out.push('## Thementische', '');
  for (const table of data.tables) {
    out.push(`### ${mdText(table.title)}`, '');
    if (table.question) out.push(`> ${mdBlock(table.question)}`, '');
    if (table.host) out.push(`Tischleitung: ${mdText(table.host)}`, '');
    const harvest = data.harvests.find((h) => h.tableId === table.id);
    if (harvest?.results) out.push('**Ernte:**', '', mdBlock(harvest.results), '');
    if (harvest?.steps.length) {
      out.push('**Nächste Schritte aus der Ernte:**', '');
      for (const s of harvest.steps) out.push(`- ${mdText(s.text)}${s.who ? ` (${mdText(s.who)})` : ''}`);
      out.push('');
    }
    // Ideas facilitators hid stay out of the results (the JSON keeps them, with the reason).
    const ideas = data.ideas.filter((i) => i.tableId === table.id && !i.hidden);
    const clusters = data.clusters.filter((cl) => cl.tableId === table.id);
    for (const cl of clusters) {
      const members = ideas
        .filter((i) => i.placement?.cluster === cl.id)
        .sort((a, b) =>
          a.placement!.order < b.placement!.order
            ? -1
            : a.placement!.order > b.placement!.order
              ? 1
              : a.id < b.id
                ? -1
                : 1
        );
      out.push(`#### ${mdText(cl.name)}`, '');
      for (const i of members) out.push(`- ${mdText(i.text)}`);
      out.push('');
    }
    const clustered = new Set(clusters.map((cl) => cl.id as string));
    const rest = ideas.filter((i) => !i.placement?.cluster || !clustered.has(i.placement.cluster));
    if (rest.length) {
      out.push(clusters.length ? '#### Weitere Ideen' : '#### Ideen', '');
      for (const i of rest) out.push(`- ${mdText(i.text)}`);
      out.push('');
    }
    for (const vote of data.votes.filter((v) => v.tableId === table.id && v.revealed)) {
      out.push(
        `**Punktabfrage (${vote.target === 'ideas' ? 'Ideen' : 'Cluster'}, ${vote.result.voters} Teilnehmende):**`,
        ''
      );
      out.push('| Punkte | |', '| ---: | --- |');
      for (const r of vote.result.ranking) out.push(`| ${r.points} | ${mdText(r.label)} |`);
      out.push('');
    }
  }

  const visible = data.initiatives.filter((i) => !i.hidden);
  if (visible.length) {
    out.push('## Landkarte der Initiativen', '');
    for (const i of visible) {
      out.push(
        `- **${mdText(i.name)}** (${STATUS_EXPORT[i.status]}${i.place ? `, ${mdText(i.place)}` : ''})${i.description ? `: ${mdText(i.description)}` : ''}`
      );
      for (const [label, text] of [
        ['Wir suchen', i.needs],
        ['Wir bieten', i.offers],
        ['So kann man uns unterstützen', i.support]
      ] as const)
        if (text.trim()) out.push(`  - ${label}: ${mdText(text)}`);
    }
    out.push('');
    const names = new Map(visible.map((i) => [i.id as string, i.name]));
    const together = data.cooperations.filter((c) => names.has(c.a) && names.has(c.b));
    if (together.length) {
      out.push('### Zusammenarbeit', '');
      for (const c of together)
        out.push(
          `- **${mdText(names.get(c.a)!)}** und **${mdText(names.get(c.b)!)}** ${c.kind === 'active' ? 'arbeiten schon zusammen' : 'könnten zusammenarbeiten'}${c.note ? `: ${mdText(c.note)}` : ''}`
        );
      out.push('');
    }
  }

  if (data.plans.length) {
    out.push('## Aktionspläne', '');
    for (const plan of data.plans) out.push(...planLines(plan, data));
  }
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
