// The server's agreement categories (server/agreements/models.py CATEGORIES) in a person's words,
// each with a few examples to start from. Examples are only a start: the two of them change the
// words to fit their own life before proposing.

export const CATEGORIES = [
  {
    name: 'contact_third_person',
    label: 'Contact with the other person',
    examples: [
      {
        title: 'No contact with them',
        terms: 'I do not contact them in any way. If they get in touch with me, I tell you the '
          + 'same day and show you the message.',
        why: 'So you do not have to wonder, and I do not have secrets to carry.',
      },
      {
        title: 'Contact at work stays about work',
        terms: 'Where we cannot avoid each other at work, I keep it to what the job needs, and I '
          + 'tell you when it happened.',
        why: 'So nothing grows again in the grey areas.',
      },
    ],
  },
  {
    name: 'devices_social_media',
    label: 'Phones and social media',
    examples: [
      {
        title: 'Our phones are open to each other',
        terms: 'If you ask to see my phone, I show it to you, calmly and without deleting '
          + 'anything first.',
        why: 'Openness I offer, not checking I have to endure: it helps you feel safe again.',
      },
      {
        title: 'No hidden accounts',
        terms: 'No secret apps, accounts or chats. If I open a new account, I tell you.',
        why: 'Hidden places are where the harm happened.',
      },
    ],
  },
  {
    name: 'time_whereabouts',
    label: 'Time and whereabouts',
    examples: [
      {
        title: 'A message when plans change',
        terms: 'If I will be more than 30 minutes later than I said, I send you a message.',
        why: 'Not knowing where I am brings the worst moments back.',
      },
      {
        title: 'Evenings out are planned together',
        terms: 'We tell each other about evenings out a day ahead: where, with whom, until when.',
        why: 'So neither of us is left waiting and guessing.',
      },
    ],
  },
  {
    name: 'transparency',
    label: 'Openness and money',
    examples: [
      {
        title: 'Money is open between us',
        terms: 'Both of us can see our accounts. Spending over an amount we agree on, we talk '
          + 'about first.',
        why: 'Money was part of what was hidden; seeing it helps trust come back.',
      },
      {
        title: 'I tell you first',
        terms: 'If something happens that you would want to know, you hear it from me before '
          + 'you hear it anywhere else.',
        why: 'Hearing it from someone else breaks trust again.',
      },
    ],
  },
  {
    name: 'intimacy',
    label: 'Intimacy, at our pace',
    examples: [
      {
        title: '"Not yet" is always enough',
        terms: 'Either of us can say "not yet" or "stop" about closeness, without having to '
          + 'explain, and without pressure afterwards.',
        why: 'Closeness can only come back when it is safe to say no.',
      },
      {
        title: 'We talk before we try again',
        terms: 'Before we are intimate again, we talk about what feels right and what does not.',
        why: 'So neither of us goes faster than the other can follow.',
      },
    ],
  },
  {
    name: 'communication',
    label: 'How we talk, and therapy',
    examples: [
      {
        title: 'We keep going to counselling',
        terms: 'We go to couples counselling every other week. Neither of us cancels alone.',
        why: 'We need help from someone outside the two of us.',
      },
      {
        title: 'A pause is allowed, and we come back',
        terms: 'Either of us can ask for a pause when a talk floods. We come back to it within a '
          + 'day.',
        why: 'So hard talks do not turn into fights, and do not get dropped either.',
      },
    ],
  },
  {
    name: 'other',
    label: 'Something else',
    examples: [
      {
        title: 'Time for ourselves',
        terms: 'Each of us has one evening a week for ourselves, without having to justify it.',
        why: 'Rebuilding is tiring; each of us needs rest too.',
      },
    ],
  },
];

export function categoryLabel(name) {
  return CATEGORIES.find((category) => category.name === name)?.label || name;
}
