// Method cards for the whole room, many people at once: World Café, Open Space, Marktplatz der Initiativen.
// The Werkzeugkasten lists them first (index.ts).

import { p, type MethodCard } from './card';

export const LARGE_GROUP: readonly MethodCard[] = [
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
  }
];
