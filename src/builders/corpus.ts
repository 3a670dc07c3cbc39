/**
 * What AgentPhone traffic sounds like, as scripts: per topic, an optional opening line by the
 * business, then exchanges in the order a conversation runs, each a customer line and the agent
 * reply that answers it (alternatives are whole pairs, so a reply always fits its question).
 * Templates use slots filled per fixture: {first} customer first name, {last} last name,
 * {order} order number, {product} product, {day} weekday, {time} time of day, {amount} money,
 * {date} date, {last4} card digits, {business} the business name, {street} a street address,
 * {ref} a ticket number.
 */

/** One exchange: what the customer says and what the agent answers. */
export type Exchange = readonly [customer: string, agent: string];

/** A conversation script: an optional business-first line, then steps of alternative exchanges. */
export interface Script {
  /** Lines the business may open with (a reminder, a greeting on a call). */
  readonly intro?: readonly string[];
  /** Steps in conversation order; each step lists alternative exchanges. */
  readonly steps: readonly (readonly Exchange[])[];
}

export type StateKey = 'customerName' | 'orderId' | 'appointmentId' | 'accountId' | 'ticketId' | 'optedOut' | 'intent';

export interface Topic {
  readonly name: string;
  /** Relative frequency. */
  readonly weight: number;
  /** SMS, MMS, iMessage, WhatsApp threads. */
  readonly text: Script;
  /** The same topic on a phone call. */
  readonly voice: Script;
  /** Calls on this topic are placed by the agent (outbound), not by the customer. */
  readonly outboundCalls?: boolean;
  /** Keys a backend would keep in conversationState for this topic. */
  readonly state: readonly StateKey[];
}

const CALL_GREETINGS = [
  'Hello, how can I help?',
  'Thanks for calling {business}, how can I help you today?',
  'Hi, you’ve reached {business}. What can I do for you?',
];

export const TOPICS: readonly Topic[] = [
  {
    name: 'order-status',
    weight: 5,
    text: {
      steps: [
        [
          ["Hi, I need help with my order", "I'd be happy to help! What's your order number?"],
          ["Where's my order? It was supposed to arrive {day}", 'Sorry about that! Can you send me your order number?'],
          ["hey can you check on my order", 'Sure thing! What’s the order number?'],
          ["Hi! Any update on my order? Tracking hasn't moved in 3 days", "Sorry for the wait, {first}. What's the order number so I can look?"],
        ],
        [
          ["It's #{order}", 'Thanks! Order #{order} shipped this morning via UPS and should arrive by {day}.'],
          ['Order number is {order}', 'Found it: your {product} is packed and leaves our warehouse tomorrow. It should arrive {day}.'],
          ['ORD-{order}', 'Thanks! #{order} is out for delivery today.'],
        ],
        [
          ['Can you send me the tracking link?', "Here's your tracking link: https://track.example.com/{order}"],
          ['Can I change the delivery address to {street}?', 'Done: the delivery address for #{order} is now {street}.'],
          ["Will it get here before {day}? It's a gift", "It's scheduled for delivery {day} between 10am and 2pm, so you're all set."],
        ],
        [
          ['Great, thank you so much!', "You're welcome, {first}! Anything else I can help with?"],
          ['perfect, thanks', 'Happy to help! Have a great day.'],
        ],
      ],
    },
    voice: {
      intro: CALL_GREETINGS,
      steps: [
        [
          ["Hi, yeah, I'm calling about my order", 'Of course! What’s your order number?'],
          ['Hi, I need help with my order', "Sure, I can help with that. What's the order number?"],
          ['Hey, I placed an order last week and it still hasn’t shown up', 'Sorry about that. Can I get your order number?'],
        ],
        [
          ["It's {order}", 'Thanks. I see order {order} shipped this morning and should arrive {day}.'],
          ['Yeah the order number is {order}', 'Got it. Your {product} leaves our warehouse tomorrow and should arrive {day}.'],
        ],
        [
          ['Can you text me the tracking number?', "Sure, I'll text you the tracking link right after this call."],
          ['Okay, and what time will it get there?', "It's scheduled between ten and two on {day}."],
        ],
        [
          ["No, that's all, thanks", 'You’re welcome. Have a great day!'],
          ['Okay great, thank you', 'Happy to help. Goodbye!'],
        ],
      ],
    },
    state: ['customerName', 'orderId'],
  },
  {
    name: 'appointment',
    weight: 4,
    text: {
      intro: [
        'Reminder from {business}: your appointment is {day} at {time}. Reply C to confirm or R to reschedule.',
        'Hi {first}, this is {business}. Just a reminder about your visit on {date} at {time}.',
      ],
      steps: [
        [
          ["Hi, I'd like to book an appointment for {day}", 'Sure! I have {day} at {time} or 4:30pm. Which works better?'],
          ['Do you have anything open {day} afternoon?', 'Yes! {day} at {time} is open. Want me to book it?'],
          ['R', 'No problem! I have {day} at {time} or 4:30pm. Which works better?'],
          ['Can I reschedule my appointment?', 'Of course. Does {day} at {time} work?'],
        ],
        [
          ['{time} works', "You're booked for {day} at {time}. See you then!"],
          ['yes please', 'Done! You’re all set for {day} at {time}.'],
          ['Does {day} morning work instead?', 'I can do {day} at 9:30am. Should I book that?'],
        ],
        [
          ["What's the address again?", "We're at {street}. Parking is free behind the building."],
          ['Can I bring my daughter too?', 'Of course, see you both then!'],
          ['Running about 10 min late, sorry!!', 'No worries, thanks for letting us know!'],
        ],
        [
          ['Thanks!', 'See you soon, {first}!'],
          ['Perfect, see you then', 'See you {day}!'],
        ],
      ],
    },
    voice: {
      intro: CALL_GREETINGS,
      steps: [
        [
          ["Hi, I'd like to make an appointment", 'Sure, I can help with that. What day works best for you?'],
          ['Hi, I need to reschedule my appointment', 'No problem. What day would you like instead?'],
        ],
        [
          ['Do you have anything {day}?', 'I have {day} at {time}. Does that work?'],
          ['{day} would be great', 'I have {day} at {time}. Does that work?'],
        ],
        [
          ['Yeah, that works', 'Great. Can I get the name for the appointment?'],
          ['Can you do any earlier?', 'The earliest I have is {day} at 9:30. Would that work?'],
        ],
        [
          ["It's under {first} {last}", "Thanks, {first}. You're all set for {day}."],
          ['Okay, perfect', 'Great, see you then!'],
        ],
      ],
    },
    state: ['customerName', 'appointmentId'],
  },
  {
    name: 'billing',
    weight: 3,
    text: {
      steps: [
        [
          ['Why was I charged {amount} twice?', 'Sorry about that! Can you confirm the email on your account?'],
          ["I see a charge for {amount} I don't recognize", "I can look into that. What's the email on your account?"],
          ['Hi, I have a question about my bill', 'Happy to help! What’s the email on your account?'],
        ],
        [
          ['{first}.{last}@gmail.com', 'Thanks! I found the duplicate charge of {amount} and issued a refund. It takes 3–5 business days.'],
          ['{first}{last4}@yahoo.com', "Got it. I see the duplicate charge from {date}, refunded it, and opened ticket {ref} in case you have questions."],
        ],
        [
          ['Can you email me the invoice?', 'Your invoice for {date} is on its way to your email.'],
          ['ok how long does the refund take', 'Usually 3–5 business days, depending on your bank.'],
          ['Can I update the card on file too?', 'Sure, you can update it here: https://billing.example.com/update'],
        ],
        [
          ['Thanks for sorting that out', 'Anytime, {first}!'],
          ['ok thanks', 'You’re welcome! Anything else?'],
        ],
      ],
    },
    voice: {
      intro: CALL_GREETINGS,
      steps: [
        [
          ['Hi, I have a question about a charge on my card', "I'm sorry about that. Can you confirm the last four digits of the card?"],
          ['Yeah, hi, I think I got charged twice', "Let me pull up your account. What are the last four digits of the card?"],
        ],
        [
          ['The card ends in {last4}', 'Thanks. I see a duplicate charge of {amount}. I’ve refunded it; it should show up in three to five business days.'],
          ["It's {last4}", 'Thanks. I see the charge of {amount} from {date}. Let me transfer you to our billing team.'],
        ],
        [
          ['Okay, how long will that take?', 'Usually three to five business days.'],
          ['Alright, thank you', 'You’re welcome. Have a good day!'],
        ],
      ],
    },
    state: ['customerName', 'accountId'],
  },
  {
    name: 'refund',
    weight: 2,
    text: {
      steps: [
        [
          ["I'd like to return the {product}", "Sorry it didn't work out! What's your order number?"],
          ['The {product} arrived damaged 😞', "I'm so sorry! Could you send your order number and a photo of the damage?"],
          ['How do I get a refund for my order?', "Happy to help. What's the order number?"],
        ],
        [
          ["It's order {order}", "Thanks! I've emailed you a prepaid return label for order #{order}."],
          ['#{order}', "Got it. I've emailed a prepaid return label for #{order}."],
        ],
        [
          ['Do I need the original box?', 'No need, any sturdy packaging works.'],
          ['When will I see the money back?', 'Once we receive the {product}, your refund of {amount} goes back to the original card.'],
        ],
        [['Got the label, thanks', 'Great! Let us know if you need anything else.']],
      ],
    },
    voice: {
      intro: CALL_GREETINGS,
      steps: [
        [
          ['Hi, I want to return something', 'Sure, I can set up a return. What’s the order number?'],
          ['Hi, my order came damaged', "I'm sorry to hear that. What’s the order number?"],
        ],
        [["Order {order}, it's the {product}", "Thanks. I'll email you a prepaid label right now."]],
        [['Okay, thanks', 'You’re welcome. Goodbye!']],
      ],
    },
    state: ['customerName', 'orderId', 'ticketId'],
  },
  {
    name: 'opt-out',
    weight: 2,
    text: {
      intro: [
        'Reminder from {business}: your appointment is {day} at {time}. Reply STOP to opt out.',
        '{business}: your order #{order} has shipped! Reply STOP to unsubscribe.',
        "Hi {first}, it's {business}! This weekend only: 20% off everything. Reply STOP to opt out.",
      ],
      steps: [
        [
          ['STOP', "You've been unsubscribed and won't receive more messages. Reply START to resubscribe."],
          ['stop', "You've been unsubscribed. Reply START to resubscribe."],
          ['Unsubscribe', "You've been unsubscribed and won't receive more messages."],
          ['please remove me from this list', "Done, you won't get any more texts from us."],
        ],
        [
          ['START', "You're resubscribed to messages from {business}. Reply STOP to opt out."],
          ['thanks', "You're welcome."],
        ],
      ],
    },
    voice: {
      intro: ["Hi, this is {business} calling with a reminder about your appointment {day} at {time}."],
      steps: [
        [
          ['Please take me off your call list', "I understand. I've removed your number from our list."],
          ['Stop calling me', "Sorry for the trouble. You won't get any more calls."],
        ],
      ],
    },
    outboundCalls: true,
    state: ['optedOut'],
  },
  {
    name: 'greeting',
    weight: 3,
    text: {
      steps: [
        [
          ['Hello', 'Hi! This is {business}. How can I help you today?'],
          ['Hi, is this {business}?', 'Yes it is! How can I help?'],
          ['Hi there 👋', 'Hi {first}! Thanks for reaching out. What can I do for you?'],
          ['Good morning! Are you open today?', "Good morning! Yes, we're open 9am–6pm today."],
        ],
        [
          ['What are your hours {day}?', "We're open 9am–6pm Monday to Saturday, closed Sundays."],
          ['Do you take walk-ins?', 'We do! Walk-ins are welcome, though appointments get priority.'],
          ['Where are you located?', "We're at {street}."],
        ],
        [
          ['Can I talk to a real person?', "Sure, I'll have someone from our team text you back shortly."],
          ['Great thanks!', 'Happy to help! 😊'],
        ],
        [['ok', 'Talk soon!'], ['👍', 'Have a great day!']],
      ],
    },
    voice: {
      intro: CALL_GREETINGS,
      steps: [
        [
          ['Hi, are you open today?', "Yes, we're open nine to six today."],
          ['Hello? Can you hear me?', 'Yes, I can hear you. How can I help?'],
        ],
        [
          ['What time do you close?', 'We close at six today.'],
          ['Where are you located?', "We're at {street}."],
        ],
        [
          ['Can I talk to a real person?', 'Sure, let me transfer you to someone on our team.'],
          ['Okay, thanks', 'You’re welcome. Bye!'],
        ],
      ],
    },
    state: ['customerName', 'intent'],
  },
  {
    name: 'support',
    weight: 3,
    text: {
      steps: [
        [
          ['My account is locked, can you help?', 'Sorry about that! Can you confirm the email on your account?'],
          ["I can't log in, it keeps saying my password is wrong", "Let's fix that. What's the email on your account?"],
          ['I never got the verification code', 'Sorry! Which email or number did you sign up with?'],
        ],
        [
          ['{first}.{last}@gmail.com', "Thanks! I've sent a password reset link. It expires in 30 minutes."],
          ['{first}{last4}@yahoo.com', "Thanks, I've sent a new link to that address."],
        ],
        [['ok trying now', 'Let me know how it goes!']],
        [
          ['Still not working 😕', "I've opened ticket {ref} and escalated it to our tech team."],
          ['That worked, thanks!!', 'Glad that worked! Anything else?'],
        ],
      ],
    },
    voice: {
      intro: CALL_GREETINGS,
      steps: [
        [
          ["Hi, I'm locked out of my account", 'I can help with that. Can you tell me the email on the account?'],
          ["I can't log in to my account", 'Sorry about that. What email is the account under?'],
        ],
        [["It's {first} {last} at gmail dot com", "Thanks. I've sent a reset link to that email."]],
        [
          ["Okay, it's working now", 'Great! Anything else?'],
          ['I already tried that', "Got it. I'll open a ticket for our tech team."],
        ],
      ],
    },
    state: ['customerName', 'ticketId'],
  },
];

/** Emoji customers add now and then. */
export const EMOJI = ['🙏', '😊', '👍', '🙂', '😅', '❤️', '📦', '🙌', '😀', '👋'] as const;

/** Small business names that read like AgentPhone customers. */
export const BUSINESSES = [
  'Bright Smile Dental',
  'Northside Auto Repair',
  'Luna Hair Studio',
  'Green Leaf Grocers',
  'Summit Physical Therapy',
  'Blue Door Bakery',
  'Harbor Pet Clinic',
  'Maple Street Realty',
  'Peak Fitness',
  'Cedar Plumbing & Heating',
] as const;

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
export const TIMES = ['9am', '9:30am', '10am', '11:15am', 'noon', '1pm', '2:30pm', '3pm', '4pm', '5:45pm'] as const;
export const MONTHS = ['Jan', 'Feb', 'March', 'April', 'May', 'June', 'July', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec'] as const;

/** Products customers order and return. */
export const PRODUCTS = [
  'wireless earbuds', 'standing desk', 'coffee grinder', 'running shoes', 'phone case', 'air purifier',
  'blender', 'yoga mat', 'desk lamp', 'backpack', 'rain jacket', 'espresso machine', 'office chair',
  'smart thermostat', 'baby monitor', 'dog bed', 'cast iron skillet', 'electric toothbrush',
] as const;
