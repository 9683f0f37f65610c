// Templates of a whole Mitmach-Konferenz (one day, two days): a new regional team starts from a working
// programme in one step and adapts it. Data, loaded only where a programme is empty (dynamic import).
// Titles are written in the language of the person who applies the template.

import type { TemplateItem } from '../model';

type Lang = 'de' | 'en';
interface Localized {
  de: string;
  en: string;
}
interface Row extends Omit<TemplateItem, 'title' | 'room'> {
  title: Localized;
  room?: Localized;
}

export interface ConferenceTemplate {
  id: 'one-day' | 'two-day';
  name: Localized;
  summary: Localized;
  rows: readonly Row[];
}

const h = (hours: number, minutes = 0): number => hours * 60 + minutes;
const HALL = { de: 'Saal', en: 'Main hall' };
const FOYER = { de: 'Foyer', en: 'Foyer' };
const TABLES = { de: 'Saal und Nebenräume', en: 'Hall and side rooms' };

export const CONFERENCE_TEMPLATES: readonly ConferenceTemplate[] = [
  {
    id: 'one-day',
    name: { de: 'Eintägige Mitmach-Konferenz', en: 'One-day Mitmach conference' },
    summary: {
      de: 'Ein Samstag von 9:30 bis 16 Uhr: Ankommen, Impuls, drei Runden an den Thementischen, Ernte und Abschluss.',
      en: 'A Saturday from 9:30 to 4 pm: arrival, a keynote, three rounds at the theme tables, harvest and closing.'
    },
    rows: [
      {
        kind: 'arrival',
        title: { de: 'Ankommen & Marktplatz der Initiativen', en: 'Arrival & marketplace of initiatives' },
        duration: 30,
        fixedStart: h(9, 30),
        room: FOYER
      },
      { kind: 'welcome', title: { de: 'Begrüßung', en: 'Welcome' }, duration: 15, room: HALL },
      {
        kind: 'talk',
        title: {
          de: 'Impulsvortrag: Was unsere Region schon kann',
          en: 'Keynote: what our region already does'
        },
        duration: 30,
        room: HALL
      },
      {
        kind: 'tables',
        title: {
          de: 'Thementische – Runde 1: Ideen sammeln',
          en: 'Theme tables – round 1: collecting ideas'
        },
        duration: 45,
        room: TABLES
      },
      { kind: 'break', title: { de: 'Kaffeepause', en: 'Coffee break' }, duration: 15, room: FOYER },
      {
        kind: 'tables',
        title: {
          de: 'Thementische – Runde 2: Ideen schärfen',
          en: 'Theme tables – round 2: sharpening ideas'
        },
        duration: 45,
        room: TABLES
      },
      {
        kind: 'break',
        title: { de: 'Mittagspause', en: 'Lunch break' },
        duration: 60,
        fixedStart: h(12, 30),
        room: FOYER
      },
      {
        kind: 'tables',
        title: {
          de: 'Thementische – Runde 3: Von der Idee zum Plan',
          en: 'Theme tables – round 3: from idea to plan'
        },
        duration: 60,
        room: TABLES
      },
      { kind: 'break', title: { de: 'Pause', en: 'Break' }, duration: 15, room: FOYER },
      {
        kind: 'harvest',
        title: { de: 'Ernte: Die Tische stellen vor', en: 'Harvest: the tables present' },
        duration: 45,
        room: HALL
      },
      {
        kind: 'closing',
        title: { de: 'Abschluss & nächste Schritte', en: 'Closing & next steps' },
        duration: 30,
        room: HALL
      }
    ]
  },
  {
    id: 'two-day',
    name: { de: 'Zweitägige Mitmach-Konferenz', en: 'Two-day Mitmach conference' },
    summary: {
      de: 'Freitagnachmittag bis Samstag: am ersten Tag Ideen, am zweiten Aktionspläne und ein Open Space.',
      en: 'Friday afternoon to Saturday: ideas on the first day, action plans and an Open Space on the second.'
    },
    rows: [
      {
        kind: 'arrival',
        title: { de: 'Ankommen & Marktplatz der Initiativen', en: 'Arrival & marketplace of initiatives' },
        duration: 30,
        fixedStart: h(15),
        room: FOYER
      },
      { kind: 'welcome', title: { de: 'Begrüßung', en: 'Welcome' }, duration: 15, room: HALL },
      { kind: 'talk', title: { de: 'Impulsvortrag', en: 'Keynote' }, duration: 30, room: HALL },
      {
        kind: 'tables',
        title: {
          de: 'Thementische – Runde 1: Ideen sammeln',
          en: 'Theme tables – round 1: collecting ideas'
        },
        duration: 60,
        room: TABLES
      },
      { kind: 'break', title: { de: 'Pause', en: 'Break' }, duration: 15, room: FOYER },
      {
        kind: 'harvest',
        title: { de: 'Ernte des ersten Tages', en: 'Harvest of the first day' },
        duration: 30,
        room: HALL
      },
      {
        kind: 'break',
        title: { de: 'Abendessen & Marktplatz', en: 'Dinner & marketplace' },
        duration: 90,
        room: FOYER
      },
      {
        day: 1,
        kind: 'arrival',
        title: { de: 'Ankommen', en: 'Arrival' },
        duration: 15,
        fixedStart: h(9, 30),
        room: FOYER
      },
      {
        day: 1,
        kind: 'welcome',
        title: { de: 'Rückblick & Plan des Tages', en: 'Looking back & plan of the day' },
        duration: 15,
        room: HALL
      },
      {
        day: 1,
        kind: 'tables',
        title: {
          de: 'Thementische – Runde 2: Ideen schärfen',
          en: 'Theme tables – round 2: sharpening ideas'
        },
        duration: 60,
        room: TABLES
      },
      { day: 1, kind: 'break', title: { de: 'Kaffeepause', en: 'Coffee break' }, duration: 15, room: FOYER },
      {
        day: 1,
        kind: 'tables',
        title: { de: 'Thementische – Runde 3: Aktionspläne', en: 'Theme tables – round 3: action plans' },
        duration: 75,
        room: TABLES
      },
      {
        day: 1,
        kind: 'break',
        title: { de: 'Mittagspause', en: 'Lunch break' },
        duration: 60,
        fixedStart: h(12, 30),
        room: FOYER
      },
      {
        day: 1,
        kind: 'method',
        method: 'open-space',
        title: { de: 'Open Space: eigene Anliegen', en: 'Open Space: your own topics' },
        duration: 75,
        room: TABLES
      },
      { day: 1, kind: 'break', title: { de: 'Pause', en: 'Break' }, duration: 15, room: FOYER },
      {
        day: 1,
        kind: 'harvest',
        title: { de: 'Ernte: Aktionspläne im Überblick', en: 'Harvest: the action plans' },
        duration: 45,
        room: HALL
      },
      {
        day: 1,
        kind: 'closing',
        title: { de: 'Abschluss & wie es weitergeht', en: 'Closing & how we go on' },
        duration: 30,
        room: HALL
      }
    ]
  }
];

/** The template's items in one language, ready for `Programme.applyTemplate`. */
export function templateItems(template: ConferenceTemplate, lang: Lang): TemplateItem[] {
  return template.rows.map(({ title, room, ...rest }) => ({
    ...rest,
    title: title[lang],
    ...(room ? { room: room[lang] } : {})
  }));
}
