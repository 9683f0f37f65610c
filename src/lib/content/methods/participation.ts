// Method cards where everyone takes part in discussing and deciding, the quiet ones too: Punkten,
// 1-2-4-All, Fishbowl.

import { p, type MethodCard } from './card';

export const PARTICIPATION: readonly MethodCard[] = [
  {
    id: 'punkten',
    name: { de: 'Punkten (Dot voting)', en: 'Dot voting' },
    purpose: {
      de: 'Schnell sichtbar machen, welche Ideen der Gruppe am wichtigsten sind, ohne lange Debatte.',
      en: 'Quickly show which ideas matter most to the group, without a long debate.'
    },
    groupSize: { de: '5 bis 300 Personen', en: '5 to 300 people' },
    time: { de: '10–20 Minuten', en: '10–20 minutes' },
    setup: {
      de: 'Alle Ideen sind sichtbar (Wand oder App); jede Person hat gleich viele Punkte.',
      en: 'All ideas are visible (wall or app); everyone has the same number of dots.'
    },
    steps: {
      de: [
        'Ideen zusammenfassen, Doppelte zusammenlegen.',
        'Regel ansagen: z. B. drei Punkte je Person, höchstens zwei auf eine Idee.',
        'Punkten lassen, dann das Ergebnis gemeinsam anschauen und kurz besprechen.'
      ],
      en: [
        'Sum up the ideas, merge duplicates.',
        'State the rule: e.g. three dots each, at most two on one idea.',
        'Let people vote, then look at the result together and discuss briefly.'
      ]
    },
    materials: {
      de: ['Klebepunkte oder die App', 'Gut lesbare Ideenliste'],
      en: ['Sticky dots or the app', 'A readable list of ideas']
    },
    tips: {
      de: [
        'Punkten ist ein Stimmungsbild, keine Entscheidung – so auch ansagen.',
        'Die Reihenfolge der Ideen zufällig halten.'
      ],
      en: ['Dot voting is a snapshot, not a decision – say so.', 'Keep the order of ideas random.']
    },
    phases: [
      p('method', 'Punkten: Welche Ideen sind am wichtigsten?', 'Dot voting: which ideas matter most?', 15)
    ]
  },
  {
    id: '1-2-4-all',
    name: { de: '1-2-4-Alle', en: '1-2-4-All' },
    purpose: {
      de: 'Alle denken mit, auch die Leisen: erst allein, dann zu zweit, zu viert, schließlich alle zusammen.',
      en: 'Everyone thinks along, the quiet ones too: alone first, then in pairs, in fours, finally all together.'
    },
    groupSize: { de: '4 bis 100 Personen', en: '4 to 100 people' },
    time: { de: '12–20 Minuten', en: '12–20 minutes' },
    setup: {
      de: 'Stühle, die sich leicht zu Paaren und Vierergruppen drehen lassen.',
      en: 'Chairs that easily turn into pairs and groups of four.'
    },
    steps: {
      de: [
        '1 Minute allein: eine Frage für sich beantworten, Notizen machen.',
        '2 Minuten zu zweit: Gedanken austauschen, weiterentwickeln.',
        '4 Minuten zu viert: Gemeinsamkeiten und Unterschiede, eine beste Idee wählen.',
        '5 Minuten alle: Jede Vierergruppe nennt ihre beste Idee.'
      ],
      en: [
        '1 minute alone: answer a question for yourself, take notes.',
        '2 minutes in pairs: exchange thoughts, develop them.',
        '4 minutes in fours: what is shared, what differs, choose one best idea.',
        '5 minutes all: each group of four names its best idea.'
      ]
    },
    materials: {
      de: ['Zettel und Stifte', 'Eine gut sichtbare Uhr'],
      en: ['Paper and pens', 'A clearly visible clock']
    },
    tips: {
      de: ['Zeiten streng halten, das gibt Schwung.', 'Die Ideen gleich in die App schreiben lassen.'],
      en: ['Keep the times strictly, it gives momentum.', 'Have the ideas written into the app right away.']
    },
    phases: [
      p('method', '1-2-4-Alle: allein, zu zweit, zu viert', '1-2-4-All: alone, pairs, fours', 7),
      p('harvest', '1-2-4-Alle: alle zusammen', '1-2-4-All: all together', 8)
    ]
  },
  {
    id: 'fishbowl',
    name: { de: 'Fishbowl', en: 'Fishbowl' },
    purpose: {
      de: 'Eine kleine Runde diskutiert in der Mitte, alle anderen hören zu und können jederzeit einsteigen.',
      en: 'A small group discusses in the middle, everyone else listens and can step in at any time.'
    },
    groupSize: { de: '15 bis 100 Personen', en: '15 to 100 people' },
    time: { de: '30–60 Minuten', en: '30–60 minutes' },
    setup: {
      de: 'Innenkreis mit 4–5 Stühlen, einer davon bleibt frei; Außenkreis für alle anderen.',
      en: 'An inner circle of 4–5 chairs, one left empty; an outer circle for everyone else.'
    },
    steps: {
      de: [
        'Thema und Regel erklären: Wer mitreden will, setzt sich auf den freien Stuhl; dann verlässt jemand den Innenkreis.',
        'Gespräch im Innenkreis mit einer Moderation.',
        'Zum Schluss fasst die Moderation zusammen und fragt nach nächsten Schritten.'
      ],
      en: [
        'Explain the theme and rule: whoever wants to speak takes the empty chair; then someone leaves the inner circle.',
        'Conversation in the inner circle with a facilitator.',
        'At the end the facilitator sums up and asks for next steps.'
      ]
    },
    materials: {
      de: ['Stühle', 'Bei großen Räumen ein Mikrofon'],
      en: ['Chairs', 'A microphone in large rooms']
    },
    tips: {
      de: [
        'Mit Menschen beginnen, die verschiedene Sichtweisen haben.',
        'Den freien Stuhl sichtbar markieren.'
      ],
      en: ['Start with people of different views.', 'Mark the empty chair visibly.']
    },
    phases: [p('method', 'Fishbowl-Gespräch', 'Fishbowl conversation', 45)]
  }
];
