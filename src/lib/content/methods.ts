// The Werkzeugkasten: method cards written by us, in German and English. Each card is also a template:
// adding it to the programme creates its items (phases with their durations). Loaded only on the
// Werkzeugkasten pages (a participant's phone never loads it before).

import type { ItemKind, TemplateItem } from '../model';
import type { Lang, Localized } from './localized';

interface Phase {
  kind: ItemKind;
  title: Localized;
  duration: number;
}

export interface MethodCard {
  id: string;
  name: Localized;
  purpose: Localized;
  groupSize: Localized;
  time: Localized;
  setup: Localized;
  steps: Localized<string[]>;
  materials: Localized<string[]>;
  tips: Localized<string[]>;
  phases: Phase[];
}

const p = (kind: ItemKind, de: string, en: string, duration: number): Phase => ({
  kind,
  title: { de, en },
  duration
});

export const METHOD_CARDS: readonly MethodCard[] = [
  {
    id: 'world-cafe',
    name: { de: 'World Café', en: 'World Café' },
    purpose: {
      de: 'Viele Menschen sprechen in kleinen Runden über wenige gute Fragen; Ideen wandern von Tisch zu Tisch und wachsen dabei.',
      en: 'Many people talk in small rounds about a few good questions; ideas travel from table to table and grow.'
    },
    groupSize: { de: '12 bis 200 Personen, 4–6 je Tisch', en: '12 to 200 people, 4–6 per table' },
    time: { de: '90–120 Minuten', en: '90–120 minutes' },
    setup: {
      de: 'Kleine Tische wie im Café, je Tisch eine Tischleitung, die bleibt. Papiertischdecken zum Beschreiben.',
      en: 'Small café-style tables, each with a host who stays. Paper tablecloths to write on.'
    },
    steps: {
      de: [
        'Begrüßung: Ablauf und Café-Etikette erklären (zuhören, verbinden, aufschreiben).',
        'Runde 1 (20–30 Min.): Jeder Tisch bespricht seine Leitfrage; Ideen kommen in die App.',
        'Wechsel: Alle außer der Tischleitung suchen sich einen neuen Tisch.',
        'Runde 2 und 3: Die Tischleitung fasst kurz zusammen, die neue Runde baut darauf auf.',
        'Ernte: Jede Tischleitung nennt die zwei, drei stärksten Ideen im Plenum.'
      ],
      en: [
        'Welcome: explain the flow and café etiquette (listen, connect, write down).',
        'Round 1 (20–30 min): each table discusses its question; ideas go into the app.',
        'Switch: everyone except the host moves to a new table.',
        'Rounds 2 and 3: the host sums up briefly, the new group builds on it.',
        'Harvest: each host names the two or three strongest ideas in plenary.'
      ]
    },
    materials: {
      de: [
        'Papiertischdecken, dicke Stifte',
        'Tischschilder mit Leitfrage',
        'Klangschale oder Glocke für den Wechsel'
      ],
      en: ['Paper tablecloths, thick markers', 'Table signs with the question', 'A bell for the switch']
    },
    tips: {
      de: [
        'Fragen offen stellen: „Was bräuchte es, damit …?“ statt „Sollen wir …?“.',
        'Tischleitungen vorher kurz einweisen: einladen, nicht vortragen.',
        'Beim Wechsel laut und freundlich ansagen; die Zeit steht auf dem Beamer.'
      ],
      en: [
        'Ask open questions: “What would it take to …?” rather than “Should we …?”.',
        'Brief the hosts beforehand: invite, don’t lecture.',
        'Announce switches loudly and kindly; the time is on the projector.'
      ]
    },
    phases: [
      p('welcome', 'World Café: Einführung', 'World Café: introduction', 10),
      p('tables', 'World Café – Runde 1', 'World Café – round 1', 25),
      p('tables', 'World Café – Runde 2', 'World Café – round 2', 20),
      p('tables', 'World Café – Runde 3', 'World Café – round 3', 20),
      p('harvest', 'World Café: Ernte', 'World Café: harvest', 20)
    ]
  },
  {
    id: 'open-space',
    name: { de: 'Open Space', en: 'Open Space' },
    purpose: {
      de: 'Die Teilnehmenden setzen selbst die Themen: Wer ein Anliegen hat, lädt dazu ein; wer etwas beitragen will, kommt dazu.',
      en: 'Participants set the topics themselves: whoever has a concern invites others; whoever wants to contribute joins.'
    },
    groupSize: { de: '20 bis mehrere hundert Personen', en: '20 to several hundred people' },
    time: { de: '2 Stunden bis 2 Tage', en: '2 hours to 2 days' },
    setup: {
      de: 'Stuhlkreis zur Eröffnung, eine leere Themenwand mit Zeit- und Raumraster, mehrere Ecken oder Räume.',
      en: 'A circle of chairs for the opening, an empty topic wall with a grid of times and rooms, several corners or rooms.'
    },
    steps: {
      de: [
        'Eröffnung im Kreis: Thema, vier Grundsätze und das Gesetz der zwei Füße erklären.',
        'Marktplatz: Wer ein Anliegen hat, schreibt es auf, stellt es in einem Satz vor und hängt es ins Raster.',
        'Sessions: Die Gruppen arbeiten parallel; wer einlädt, sorgt für ein kurzes Protokoll.',
        'Abendnachrichten oder Schlusskreis: Was ist entstanden, wer macht weiter?'
      ],
      en: [
        'Opening in a circle: theme, the four principles and the law of two feet.',
        'Marketplace: whoever has a concern writes it down, presents it in one sentence and pins it to the grid.',
        'Sessions: groups work in parallel; the convener makes sure there is a short record.',
        'Evening news or closing circle: what came out of it, who carries on?'
      ]
    },
    materials: {
      de: ['Große Wand oder Pinnwände mit Raster', 'A4-Blätter und Stifte für Anliegen', 'Protokollvorlagen'],
      en: ['A large wall or boards with the grid', 'A4 sheets and markers for topics', 'Record templates']
    },
    tips: {
      de: [
        'Die Leitfrage muss die Menschen wirklich angehen, sonst bleibt die Wand leer.',
        'Als Moderation nach der Eröffnung in den Hintergrund treten.',
        'Protokolle gleich fotografieren oder als Idee an einen Tisch schreiben.'
      ],
      en: [
        'The guiding question must really matter to people, or the wall stays empty.',
        'As facilitator, step back after the opening.',
        'Photograph the records right away or write them as an idea at a table.'
      ]
    },
    phases: [
      p('welcome', 'Open Space: Eröffnung und Marktplatz', 'Open Space: opening and marketplace', 30),
      p('method', 'Open Space – Session 1', 'Open Space – session 1', 45),
      p('method', 'Open Space – Session 2', 'Open Space – session 2', 45),
      p('harvest', 'Open Space: Schlusskreis', 'Open Space: closing circle', 20)
    ]
  },
  {
    id: 'marktplatz',
    name: { de: 'Marktplatz der Initiativen', en: 'Marketplace of initiatives' },
    purpose: {
      de: 'Bestehende Initiativen zeigen sich an Ständen; Neugierige kommen ins Gespräch und finden, wo sie mitmachen können.',
      en: 'Existing initiatives present themselves at stands; curious people talk to them and find where to join in.'
    },
    groupSize: { de: 'ab 20 Personen, 5–20 Stände', en: 'from 20 people, 5–20 stands' },
    time: { de: '30–60 Minuten', en: '30–60 minutes' },
    setup: {
      de: 'Stehtische oder Stellwände im Foyer, je Initiative ein Platz mit Namensschild.',
      en: 'Standing tables or boards in the foyer, one spot per initiative with a name sign.'
    },
    steps: {
      de: [
        'Initiativen bauen vor Beginn auf und tragen sich in die Landkarte ein.',
        'Ankommende bekommen einen Hinweis: „Schaut euch um, sprecht mit den Ständen.“',
        'Nach der Hälfte der Zeit kurz an die Stände erinnern, die noch wenig Besuch hatten.'
      ],
      en: [
        'Initiatives set up before the start and add themselves to the map.',
        'Arriving people get a hint: “Look around, talk to the stands.”',
        'Halfway through, point to the stands that had few visitors.'
      ]
    },
    materials: {
      de: ['Stehtische, Stellwände', 'Namensschilder', 'Kaffee'],
      en: ['Standing tables, boards', 'Name signs', 'Coffee']
    },
    tips: {
      de: [
        'Ideal als Ankommen: wer früh da ist, hat gleich etwas zu tun.',
        'Stände nicht in Sackgassen stellen.'
      ],
      en: ['Ideal for arrival: early comers have something to do at once.', 'Do not put stands in dead ends.']
    },
    phases: [p('arrival', 'Marktplatz der Initiativen', 'Marketplace of initiatives', 45)]
  },
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
  },
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

export const methodById = (id: string): MethodCard | undefined => METHOD_CARDS.find((c) => c.id === id);

/** The card's phases in one language, as programme items on one day. */
export function methodItems(card: MethodCard, lang: Lang): TemplateItem[] {
  return card.phases.map((phase) => ({
    kind: phase.kind,
    title: phase.title[lang],
    duration: phase.duration,
    method: card.id
  }));
}
