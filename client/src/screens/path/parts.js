// The seven parts of the work, in our own words. Each: a short reading, what it asks of the one
// rebuilding trust and of the one healing, small exercises that open the screen for them, and
// which of the couple's own records show it is under way (see signs.js). Never a score.
export const PARTS = [
  {
    id: 'truth',
    title: 'Face the full truth',
    reading: [
      'Trust cannot be rebuilt on a story with holes in it. The questions that come, sometimes weeks later and sometimes at three in the morning, are not a punishment or a sign that nothing is moving. They are how a mind that was blindsided finds solid ground again.',
      'Answers do not have to come all at once, and they do not have to be perfect. What matters is that they are true, and that they are not quietly changed later. Here every answer keeps its history, so nobody has to wonder what was said before.',
    ],
    rebuilding: 'Answer what is asked, as fully and as plainly as you can, even when it is uncomfortable. If you need time, say so and say when you will come back. Resist the urge to shrink the truth to protect yourself; every small hiding costs more later.',
    healing: 'Ask what you need to know, in your own time. You do not have to ask everything at once, and you may find some answers are not worth the pain they bring. It is fine to set a question aside and come back to it.',
    exercises: [
      ['Write down one question that is on your mind', 'truth', ''],
      ['Look back at the answers so far', 'truth', ''],
    ],
  },
  {
    id: 'earthquake',
    title: 'Space for the emotional earthquake',
    reading: [
      'After a betrayal, feelings come in waves: anger, grief, numbness, confusion, sudden hope, and then anger again. None of this means you are doing it wrong. A shaken house needs time to settle, and a shaken heart does too.',
      'Conversations can flood. When they do, stopping is not running away; it is care. A pause with a time to come back keeps a hard talk from turning into harm.',
    ],
    rebuilding: 'Let the feelings land without defending yourself against them. You will hear the same pain more than once; each time is a chance to show you can stay. Take care of your own shame elsewhere, so it does not crowd out their hurt.',
    healing: 'Every feeling is allowed here, including the ones that surprise you. Name them when you can. Ask for a pause when you are flooded, and lean on people and support outside the two of you as well.',
    exercises: [
      ['Name how you feel in a check-in', 'today', ''],
      ['Learn how a pause works', 'me', 'pause'],
      ['Find support outside the two of you', 'me', 'support'],
    ],
  },
  {
    id: 'boundaries',
    title: 'Clear boundaries and agreements',
    reading: [
      'Agreements are not a cage. They are a shared promise about what keeps this relationship safe while trust grows back: who to stay away from, how plans are shared, what openness looks like.',
      'Both of you say yes before an agreement counts, either of you can ask to change it, and each one has a day to look at it again. What protects you now may loosen later, when it is no longer needed.',
    ],
    rebuilding: 'Offer agreements before you are asked, and keep them without being reminded. If one feels too hard, say so openly and ask to revisit it, rather than letting it slip.',
    healing: 'Ask for what helps you feel safe, and notice what does. An agreement that protects you is not too much to ask. You can also say when one no longer feels needed.',
    exercises: [
      ['Propose an agreement', 'together', 'agreements'],
      ['Plan a ritual you both keep', 'together', 'rituals'],
    ],
  },
  {
    id: 'consistency',
    title: 'Trustworthy behaviour over time',
    reading: [
      'Trust comes back slowly, through many ordinary days. Grand gestures rarely help; small things kept again and again do. A message when plans change. A check-in that happens because it was promised.',
      'Here consistency is counted as days kept out of days passed, never as a streak that falls to zero. A missed day is a missed day, not the end of everything.',
    ],
    rebuilding: 'Do the small things you said you would, without being asked and without keeping score. Be open before you are questioned. Let your actions carry the weight your words cannot yet.',
    healing: 'Notice when something is kept, and say so when you can. Noticing is not forgiving; it simply lets the other know they are seen. Doubt can still come, and that is allowed.',
    exercises: [
      ['Write a transparency check-in', 'today', ''],
      ['Look at how the weeks have gone', 'journey', 'progress'],
    ],
  },
  {
    id: 'healing',
    title: 'Individual healing',
    reading: [
      'Some of the work is each person\'s own. The one rebuilding trust looks at what led to their choices. The one healing tends the places that were hurt, and the older places the hurt touched.',
      'The journal here is private in the strongest sense: nobody but its author reads it, not the partner, not an export, not a notification. Write what you could not yet say to anyone.',
    ],
    rebuilding: 'Look honestly at the patterns, needs and choices that led here, ideally with a counsellor too. Understanding is not an excuse; it is what makes change last.',
    healing: 'Give your own healing time and attention, apart from the relationship. Your worth was never in question. Notice what you need, whatever you decide about the two of you.',
    exercises: [
      ['Write in your private journal', 'me', 'journal'],
      ['Find counselling and support', 'me', 'support'],
    ],
  },
  {
    id: 'together',
    title: 'New positive experiences',
    reading: [
      'A relationship that is only ever about the betrayal cannot breathe. Small good times together, a walk without phones or a meal cooked side by side, lay down new memories next to the painful ones.',
      'This is not pretending things are fine. It is making room for something else as well, at a pace that feels safe to both of you.',
    ],
    rebuilding: 'Suggest simple things and make them easy to say no to. Be fully there when you are together, and let it be about the two of you, not about proving something.',
    healing: 'Say yes when you are ready, and only then. Enjoying a moment does not cancel the hurt or mean it is over. Your reflection afterwards counts as much as the time itself.',
    exercises: [
      ['Pick an idea for time together', 'together', 'ideas'],
      ['Remember time you spent together', 'together', 'experiences'],
    ],
  },
  {
    id: 'long_view',
    title: 'The long view',
    reading: [
      'Rebuilding trust takes months and often years, with setbacks along the way. A setback does not reset anything: it is marked, it is felt, and the road goes on from where you are.',
      'Looking back helps. So does knowing that ending the relationship is also a valid outcome. Either of you may leave, and you each keep what is yours. Whatever happens, the break will show, and the mending can be golden.',
    ],
    rebuilding: 'Stay steady over the long stretch, including the days when progress feels invisible. Let trust return at its own pace, not yours.',
    healing: 'Look back at how far you have come, on your own terms. You may move back and forth between feeling hopeful and unsure for a long time; both belong here.',
    exercises: [
      ['See your journey over time', 'journey', 'timeline'],
      ['Mark the day it came to light', 'journey', 'progress'],
    ],
  },
];

export const partTitle = (id) => PARTS.find((part) => part.id === id)?.title || id;
