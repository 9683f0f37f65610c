// Method cards for thinking anew about stuck questions: Zukunftswerkstatt, Dynamic Facilitation,
// Walk & Talk, Kopfstand.

import { p, type MethodCard } from './card';

export const CREATIVE: readonly MethodCard[] = [
  {
    id: 'zukunftswerkstatt',
    name: { de: 'Zukunftswerkstatt', en: 'Future workshop (Zukunftswerkstatt)' },
    purpose: {
      de: 'In drei Phasen vom Ärger zum Plan: Kritik sammeln, frei fantasieren, Umsetzbares planen.',
      en: 'In three phases from frustration to a plan: collect criticism, imagine freely, plan what is doable.'
    },
    groupSize: { de: '8 bis 30 Personen je Werkstatt', en: '8 to 30 people per workshop' },
    time: { de: '3 Stunden bis 2 Tage', en: '3 hours to 2 days' },
    setup: {
      de: 'Pinnwände für jede Phase, Kleingruppentische, viel Platz an den Wänden.',
      en: 'Boards for each phase, small-group tables, lots of wall space.'
    },
    steps: {
      de: [
        'Kritikphase: Was stört uns? Alles sammeln, nicht diskutieren, dann bündeln.',
        'Fantasiephase: Kritik ins Positive wenden; wie sähe es ideal aus, ohne Grenzen?',
        'Verwirklichungsphase: Welche Fantasien können wir angehen? Erste Schritte, wer, bis wann.'
      ],
      en: [
        'Critique phase: what bothers us? Collect everything, do not discuss, then cluster.',
        'Fantasy phase: turn criticism positive; what would the ideal look like, without limits?',
        'Implementation phase: which fantasies can we tackle? First steps, who, by when.'
      ]
    },
    materials: {
      de: ['Pinnwände, Karten, Stifte', 'Klebepunkte'],
      en: ['Boards, cards, markers', 'Sticky dots']
    },
    tips: {
      de: [
        'In der Fantasiephase jede „Das geht nicht“-Bemerkung freundlich stoppen.',
        'Die Verwirklichung direkt als Aktionsplan festhalten.'
      ],
      en: [
        'In the fantasy phase, kindly stop every “that won’t work”.',
        'Record the implementation directly as an action plan.'
      ]
    },
    phases: [
      p('method', 'Zukunftswerkstatt: Kritikphase', 'Future workshop: critique', 45),
      p('method', 'Zukunftswerkstatt: Fantasiephase', 'Future workshop: fantasy', 60),
      p('tables', 'Zukunftswerkstatt: Verwirklichung', 'Future workshop: implementation', 60)
    ]
  },
  {
    id: 'dynamic-facilitation',
    name: { de: 'Dynamic Facilitation', en: 'Dynamic Facilitation' },
    purpose: {
      de: 'Schwierige, festgefahrene Fragen gemeinsam durchdenken, indem die Moderation jedem Beitrag folgt statt einer Tagesordnung.',
      en: 'Think through difficult, stuck questions together, with the facilitator following each contribution instead of an agenda.'
    },
    groupSize: { de: '8 bis 20 Personen', en: '8 to 20 people' },
    time: { de: '2–4 Stunden', en: '2–4 hours' },
    setup: {
      de: 'Halbkreis vor vier Flipcharts: Lösungen, Bedenken, Informationen, Problemaussagen.',
      en: 'A semicircle in front of four flipcharts: solutions, concerns, information, problem statements.'
    },
    steps: {
      de: [
        'Mit der Frage beginnen, die den Menschen unter den Nägeln brennt.',
        'Jeden Beitrag aufnehmen und dem passenden Flipchart zuordnen; Bedenken ausdrücklich willkommen heißen.',
        'Der Energie der Gruppe folgen, bis ein Durchbruch spürbar wird.',
        'Zum Schluss festhalten, was sich geklärt hat und was als Nächstes kommt.'
      ],
      en: [
        'Start with the question people care about most.',
        'Take up each contribution and put it on the right flipchart; welcome concerns explicitly.',
        'Follow the group’s energy until a breakthrough can be felt.',
        'At the end, record what became clear and what comes next.'
      ]
    },
    materials: { de: ['Vier Flipcharts', 'Dicke Stifte'], en: ['Four flipcharts', 'Thick markers'] },
    tips: {
      de: ['Braucht geübte Moderation – vorher üben.', 'Nicht drängen: der Durchbruch kommt oft spät.'],
      en: [
        'Needs a practised facilitator – rehearse first.',
        'Do not push: the breakthrough often comes late.'
      ]
    },
    phases: [p('method', 'Dynamic Facilitation', 'Dynamic Facilitation', 120)]
  },
  {
    id: 'walk-and-talk',
    name: { de: 'Walk & Talk', en: 'Walk & Talk' },
    purpose: {
      de: 'Zu zweit oder zu dritt spazieren gehen und eine Frage besprechen: Bewegung löst Gedanken.',
      en: 'Walk in pairs or threes and discuss a question: movement frees thinking.'
    },
    groupSize: { de: 'beliebig, in Paaren oder Dreiergruppen', en: 'any size, in pairs or threes' },
    time: { de: '20–40 Minuten', en: '20–40 minutes' },
    setup: {
      de: 'Ein Weg rund um den Tagungsort; bei Regen Flure und Foyer.',
      en: 'A route around the venue; in rain, corridors and the foyer.'
    },
    steps: {
      de: [
        'Frage mitgeben, am besten auf einer kleinen Karte.',
        'Paare losschicken; Rückkehrzeit klar ansagen.',
        'Zurück: jede Gruppe schreibt eine Erkenntnis als Idee in die App.'
      ],
      en: [
        'Hand out the question, ideally on a small card.',
        'Send the pairs off; announce the return time clearly.',
        'Back again: each group writes one insight as an idea into the app.'
      ]
    },
    materials: {
      de: ['Fragekarten', 'Eine Klingel für die Rückkehr'],
      en: ['Question cards', 'A bell for the return']
    },
    tips: {
      de: ['Barrierefreie Route mitdenken.', 'Gut nach dem Mittagessen gegen das Tief.'],
      en: ['Think of an accessible route.', 'Good after lunch against the slump.']
    },
    phases: [p('method', 'Walk & Talk', 'Walk & Talk', 30)]
  },
  {
    id: 'kopfstand',
    name: { de: 'Kopfstand-Methode', en: 'Headstand method (reverse brainstorming)' },
    purpose: {
      de: 'Die Frage umdrehen („Wie sorgen wir dafür, dass es sicher scheitert?“) und aus den Antworten Lösungen ableiten.',
      en: 'Turn the question around (“How do we make sure it fails?”) and derive solutions from the answers.'
    },
    groupSize: { de: '4 bis 30 Personen, Kleingruppen', en: '4 to 30 people, small groups' },
    time: { de: '30–45 Minuten', en: '30–45 minutes' },
    setup: { de: 'Kleingruppentische, Flipchart je Gruppe.', en: 'Small-group tables, a flipchart each.' },
    steps: {
      de: [
        'Die Frage ins Gegenteil verkehren und gut sichtbar aufschreiben.',
        'Zehn Minuten lang möglichst viele „schlechte“ Ideen sammeln – mit Humor.',
        'Jede schlechte Idee umkehren: Was wäre das Gegenteil? So entstehen Lösungen.',
        'Die besten Lösungen als Ideen an den Tisch schreiben.'
      ],
      en: [
        'Turn the question into its opposite and write it up visibly.',
        'For ten minutes, collect as many “bad” ideas as possible – with humour.',
        'Reverse each bad idea: what would be the opposite? That gives solutions.',
        'Write the best solutions as ideas at the table.'
      ]
    },
    materials: { de: ['Flipchart, Stifte'], en: ['Flipchart, markers'] },
    tips: {
      de: [
        'Lockert festgefahrene Runden auf.',
        'Beim Umkehren genau bleiben: nicht jede Umkehrung ist schon gut.'
      ],
      en: ['Loosens up stuck groups.', 'Be precise when reversing: not every reversal is good already.']
    },
    phases: [
      p(
        'method',
        'Kopfstand: Wie bringen wir es sicher zum Scheitern?',
        'Headstand: how do we make it fail?',
        15
      ),
      p('tables', 'Kopfstand: Umkehren zu Lösungen', 'Headstand: reversing into solutions', 20)
    ]
  }
];
