"""The prompts of "a question for today", by part of the work and by weight.

Every prompt is one both partners can answer, whichever role they chose. "light" ones are for
any day, and the only ones offered in the weeks after a setback; "deep" ones ask more. Ids are
stable (answers name them): add new prompts with new ids, never renumber."""

from dataclasses import dataclass

PARTS = ("truth", "earthquake", "boundaries", "consistency", "healing", "together", "long_view")
WEIGHTS = ("light", "deep")


@dataclass(frozen=True)
class Prompt:
    id: str
    part: str
    weight: str
    text: str


_WRITTEN = {
    ("truth", "light"): (
        "What is one thing you found easier to say this week than a month ago?",
        "When did you last feel heard by the other? What did they do?",
        "What helps you stay in a hard conversation instead of leaving it?",
        "What is a question you are glad you asked, or glad you were asked?",
        "Which small honesty from today would you like the other to know about?",
        "What does 'telling the truth' look like on an ordinary Tuesday?",
        "When you need a moment before answering, how could you say so?",
        "What would make the next hard talk a little gentler for you?",
        "What is something true about your day that you have not said yet?",
    ),
    ("truth", "deep"): (
        "What question do you still carry but have not asked? You need not ask it today.",
        "What do you wish had been said sooner?",
        "What part of the story do you feel you understand now that you did not before?",
        "When the truth was hard to hear, what did you need in that moment?",
        "What makes it hard for you to be fully honest, even now?",
        "What would 'the whole truth' give you that you do not have yet?",
        "What are you afraid would happen if you said everything you think?",
        "Which answer changed how you see things, and how?",
        "What is one thing you are still trying to make sense of?",
    ),
    ("earthquake", "light"): (
        "What word fits how you feel right now?",
        "What helped you get through the hardest moment this week, even a little?",
        "What does your body tell you when you are flooded?",
        "What is one thing that calmed you today?",
        "When you need a pause, what would you like the other to do while you take it?",
        "Which feeling visited you most this week?",
        "What is something kind you could do for yourself tonight?",
        "Who or what outside the two of you has been a support lately?",
        "What would you like the other to know about your mood today?",
    ),
    ("earthquake", "deep"): (
        "Which feeling is hardest for you to show, and why?",
        "What does your anger protect?",
        "What have you grieved since all this came to light?",
        "When you feel numb, what do you think is underneath?",
        "What do you wish the other understood about the waves of feeling?",
        "What moment still catches you off guard when you remember it?",
        "What do you fear the other would think if they saw how you really feel?",
        "What has surprised you about your own reactions?",
        "Where do you notice hope, even small, even unsure?",
    ),
    ("boundaries", "light"): (
        "Which of our agreements feels most helpful right now?",
        "What is a small thing that helps you feel safe?",
        "What does 'checking in' mean to you, in a sentence?",
        "What is one promise you would find easy to keep this week?",
        "When plans change, how would you like to hear about it?",
        "What would you like more of from the other this week?",
        "What would you like less of this week?",
        "Which boundary of your own are you proud of keeping?",
        "How do you like to be asked for something?",
    ),
    ("boundaries", "deep"): (
        "Which agreement feels hardest to live with, and what would make it easier?",
        "What makes an agreement feel protective to you rather than punishing?",
        "What do you need to see before an agreement could be loosened one day?",
        "Where do you feel the line between transparency and privacy should be for you?",
        "What would you want to happen if one of our agreements is broken?",
        "Which contact or situation still feels unsafe for you?",
        "What boundary do you need that you have not said out loud yet?",
        "What does consent to an agreement mean to you: more than a yes?",
        "What would make it easier to say 'I need to revisit this'?",
    ),
    ("consistency", "light"): (
        "What small thing did the other do this week that you noticed?",
        "What is one thing you did today because you said you would?",
        "Which everyday habit of ours would you like to keep?",
        "What does a 'good ordinary day' between us look like?",
        "What is something reliable about the other that you appreciate?",
        "When did you feel you could count on the other recently?",
        "What is one small action you mean to keep up this week?",
        "What time of day do you feel most connected to the other?",
        "What helps you remember the small things you promised?",
    ),
    ("consistency", "deep"): (
        "What would it take for you to believe a change will last?",
        "When trust wobbles, what do you find yourself looking for?",
        "Which of the other's actions means more to you than words right now?",
        "What makes it hard to keep going when progress feels slow?",
        "What does trust feel like in your body when it is there?",
        "What has rebuilt a little trust for you, and what has shaken it?",
        "What would you like the other to do when you doubt them?",
        "How do you want us to talk about a day that went badly?",
        "What would 'kept on most days' mean to you, compared with 'perfect'?",
    ),
    ("healing", "light"): (
        "What did you do for your own wellbeing this week?",
        "What is one thing you like about yourself today?",
        "What helps you sleep on a hard night?",
        "What is something you are learning about yourself?",
        "What gives you energy lately?",
        "Which person, place or song steadies you?",
        "What is a kind thing you could say to yourself tomorrow morning?",
        "What is a small goal that is only yours?",
        "When did you last laugh properly?",
    ),
    ("healing", "deep"): (
        "What old pattern of yours have you noticed showing up in all this?",
        "What do you need to heal that does not depend on the other?",
        "What are you still blaming yourself for?",
        "What did you learn about yourself growing up that still shapes how you love?",
        "What insecurity do you wish you could put down?",
        "What triggers you most, and what helps afterwards?",
        "What would you tell a friend who was going through what you are?",
        "What part of you feels most tender right now?",
        "What does forgiveness, of anyone, mean to you today? There is no right answer.",
    ),
    ("together", "light"): (
        "What is a simple thing we could enjoy together this week?",
        "What is a memory of us that still makes you smile?",
        "Where would you like to go for a walk together?",
        "What meal would you like us to cook together?",
        "What is something new you would like to try as a couple?",
        "What did you enjoy about the last time we spent time together?",
        "What song would you put on for the two of us?",
        "What small surprise would make you happy?",
        "What would a phone-free hour together look like for you?",
    ),
    ("together", "deep"): (
        "What do you miss most about us, and what do you not want back?",
        "What would make time together feel safe rather than forced?",
        "What kind of closeness feels possible for you right now?",
        "What new tradition would you like us to start?",
        "When did you last feel like a team?",
        "What would you like us to be able to laugh about one day?",
        "What do you want a new chapter of us to feel like?",
        "What makes it hard to enjoy time together at the moment?",
        "What would you like to celebrate, however small?",
    ),
    ("long_view", "light"): (
        "What is one thing that is different now from when we began this work?",
        "What are you looking forward to this month?",
        "What would you like to remember about this season of our lives?",
        "What is a small step we have taken that you are glad of?",
        "What does patience with this process look like for you today?",
        "What would you like next year's you to know?",
        "Which day of the past weeks would you mark as a good one?",
        "What is a hope you have for the coming season?",
        "What helps you see progress when it is slow?",
    ),
    ("long_view", "deep"): (
        "Where do you see us in a year, honestly?",
        "What would you need to feel it was right to stay, or right to go?",
        "What has this year taught you about love?",
        "What do you want to be true about how you treat each other in five years?",
        "What would a setback mean to you now, compared with the beginning?",
        "What do you hope the break will have mended, and what will always show?",
        "What would make you proud of how you handled this, whatever happens?",
        "What do you want the other to know about the road so far?",
        "What do you still need before you can imagine the future together?",
    ),
}


def _numbered() -> tuple[Prompt, ...]:
    prompts = []
    for (part, weight), texts in _WRITTEN.items():
        for n, text in enumerate(texts, start=1):
            prompts.append(Prompt(f"{part}-{weight}-{n:02d}", part, weight, text))
    return tuple(prompts)


PROMPTS = _numbered()
BY_ID = {prompt.id: prompt for prompt in PROMPTS}
