/**
 * What AgentPhone traffic sounds like: customer texts, caller utterances and agent replies by
 * topic. Templates use slots filled per fixture: {first} customer first name, {order} order
 * number, {product} product, {day} weekday, {time} time of day, {amount} money, {date} date,
 * {last4} card digits, {business} the business name, {street} a street address, {ref} a ticket.
 */

export interface Topic {
  /** Name, for debugging and docs. */
  readonly name: string;
  /** Relative frequency. */
  readonly weight: number;
  /** A customer's first text in a thread. */
  readonly open: readonly string[];
  /** A customer's later texts. */
  readonly follow: readonly string[];
  /** Agent replies. */
  readonly agent: readonly string[];
  /** What a caller says first on a call. */
  readonly callerOpen: readonly string[];
  /** What a caller says later on a call. */
  readonly callerFollow: readonly string[];
  /** What the voice agent says. */
  readonly agentSpoken: readonly string[];
  /** Keys this topic stores in conversationState. */
  readonly state: readonly StateKey[];
}

export type StateKey = 'customerName' | 'orderId' | 'appointmentId' | 'accountId' | 'ticketId' | 'optedOut' | 'intent';

export const TOPICS: readonly Topic[] = [
  {
    name: 'order-status',
    weight: 5,
    open: [
      "Hi, I need help with my order",
      "Where's my order? It was supposed to arrive {day}",
      "hey can you check on order #{order}",
      "Hi! Any update on order {order}? Tracking hasn't moved in 3 days",
      "My package says delivered but it's not here",
      "Hi there, I ordered the {product} last week and haven't gotten a shipping email",
      "When will my order ship?",
      "order {order} still processing?? it's been a week",
    ],
    follow: [
      "It's #{order}",
      "Order number is {order}",
      "ok thanks",
      "Can you send me the tracking link?",
      "Can I change the delivery address to {street}?",
      "Great, thank you so much!",
      "Will it get here before {day}? It's a gift",
      "Still nothing. Can you check again?",
      "perfect, thanks {business}",
      "Can I just cancel it and get a refund instead?",
    ],
    agent: [
      "I'd be happy to help! What's your order number?",
      "Thanks! Order #{order} shipped this morning via UPS and should arrive by {day}.",
      "I see it: your {product} is packed and leaves our warehouse tomorrow.",
      "Here's your tracking link: https://track.example.com/{order}",
      "Sorry about the delay, {first}. I've flagged it with our shipping team and will text you by {time}.",
      "Done: the delivery address for #{order} is now {street}.",
      "It's scheduled for delivery {day} between 10am and 2pm.",
      "You're welcome! Anything else I can help with?",
    ],
    callerOpen: [
      "Hi, yeah, I'm calling about my order",
      "Hi, I need help with my order",
      "Hey, um, I placed an order last week and it still hasn't shown up",
      "Hello? Yeah, I wanted to check on an order",
      "Hi, my package says delivered but I don't have it",
    ],
    callerFollow: [
      "It's {order}",
      "Yeah the order number is {order}",
      "Okay, and when will it get here?",
      "Can you text me the tracking number?",
      "No, that's all, thanks",
      "Sorry, can you repeat that?",
      "Okay great, thank you",
      "Where's my order?",
    ],
    agentSpoken: [
      "Hello, how can I help?",
      "Of course! What's your order number?",
      "Thanks. I see order {order} shipped this morning and should arrive {day}.",
      "Let me check that for you.",
      "I'll text you the tracking link right after this call.",
      "Is there anything else I can help you with?",
    ],
    state: ['customerName', 'orderId'],
  },
  {
    name: 'appointment',
    weight: 4,
    open: [
      "Hi, I'd like to book an appointment for {day}",
      "Do you have anything open {day} afternoon?",
      "Can I reschedule my appointment on {date}?",
      "I need to cancel my {time} appointment tomorrow, sorry!",
      "hi is there any availability this week",
      "Confirming my appointment {day} at {time} 👍",
      "Running about 10 min late, sorry!!",
    ],
    follow: [
      "{time} works",
      "Does {day} morning work instead?",
      "yes please",
      "Perfect, see you then",
      "What's the address again?",
      "Can I bring my daughter too?",
      "Actually can we do {time}?",
      "Thanks!",
      "Y",
    ],
    agent: [
      "Sure! I have {day} at {time} or 4:30pm. Which works better?",
      "You're booked for {day} at {time}. Reply C to confirm.",
      "No problem, {first}. Your appointment on {date} is cancelled.",
      "Done: I moved you to {day} at {time}.",
      "We're at {street}. Parking is free behind the building.",
      "Reminder: your appointment is tomorrow at {time}. Reply C to confirm or R to reschedule.",
      "Thanks for letting us know, see you soon!",
    ],
    callerOpen: [
      "Hi, I'd like to make an appointment",
      "Hi, I need to reschedule my appointment",
      "Hey, do you have anything available {day}?",
      "Hi, um, I'm calling to cancel an appointment",
    ],
    callerFollow: [
      "{time} would be great",
      "Does {day} work?",
      "Yeah, that works",
      "It's under {first}",
      "Okay, perfect",
      "Can you do any earlier?",
    ],
    agentSpoken: [
      "Thanks for calling {business}, how can I help?",
      "Sure, I can help with that. What day works best for you?",
      "I have {day} at {time}. Does that work?",
      "Great, you're all set for {day} at {time}.",
      "Can I get the name on the appointment?",
    ],
    state: ['customerName', 'appointmentId'],
  },
  {
    name: 'billing',
    weight: 3,
    open: [
      "Why was I charged {amount} twice?",
      "Hi, I have a question about my bill",
      "I see a charge for {amount} I don't recognize",
      "can I update the card on file? the one ending in {last4} expired",
      "Is there a late fee if I pay on {day}?",
      "I was charged after I cancelled 😤",
    ],
    follow: [
      "The one ending in {last4}",
      "It was on {date}",
      "ok how long does the refund take",
      "Can you email me the invoice?",
      "Thanks for sorting that out",
      "That's not right, I cancelled on {date}",
    ],
    agent: [
      "Sorry about that! I can look into it. What's the email on the account?",
      "I found the duplicate charge of {amount} and issued a refund. It takes 3–5 business days.",
      "You can update your card here: https://billing.example.com/update",
      "Your invoice for {date} is on its way to your email.",
      "I've waived the late fee this time, {first}.",
      "Thanks for your patience. Ticket {ref} is open and our billing team will follow up within 24 hours.",
    ],
    callerOpen: [
      "Hi, I have a question about a charge on my card",
      "Yeah, hi, I think I got charged twice",
      "I'm calling about my bill",
    ],
    callerFollow: [
      "It was {amount}",
      "The card ends in {last4}",
      "Okay, how long will that take?",
      "Can I talk to someone in billing?",
      "Alright, thank you",
    ],
    agentSpoken: [
      "I'm sorry about that. Let me pull up your account.",
      "I see a duplicate charge of {amount}. I've refunded it; it should show up in three to five business days.",
      "Can you confirm the last four digits of the card?",
      "Let me transfer you to our billing team.",
    ],
    state: ['customerName', 'accountId'],
  },
  {
    name: 'refund',
    weight: 2,
    open: [
      "I'd like to return the {product}",
      "How do I get a refund for order {order}?",
      "The {product} arrived damaged 😞",
      "This isn't what I ordered. Can I send it back?",
    ],
    follow: [
      "It's order {order}",
      "Do I need the original box?",
      "ok I'll drop it off {day}",
      "Got the label, thanks",
      "When will I see the money back?",
    ],
    agent: [
      "I'm sorry to hear that! I've emailed you a prepaid return label for order #{order}.",
      "Once we receive the {product}, your refund of {amount} goes back to the original card.",
      "No need for the original box, any sturdy packaging works.",
      "Could you send a photo of the damage? That helps us file it with the carrier.",
    ],
    callerOpen: ["Hi, I want to return something", "Hi, my order came damaged"],
    callerFollow: ["It's the {product}", "Order {order}", "Okay, thanks", "Do you need a photo?"],
    agentSpoken: [
      "I'm sorry to hear that. I can set up a return for you.",
      "I'll email you a prepaid label right now.",
    ],
    state: ['customerName', 'orderId', 'ticketId'],
  },
  {
    name: 'opt-out',
    weight: 2,
    open: ["STOP", "stop", "Unsubscribe", "STOP texting me", "please remove me from this list", "Stop all", "cancel"],
    follow: ["STOP", "stop", "I said stop", "Remove me"],
    agent: [
      "Reminder from {business}: your appointment is {day} at {time}. Reply STOP to opt out.",
      "{business}: your order #{order} has shipped! Reply STOP to unsubscribe.",
      "Hi {first}, it's {business}! This weekend only: 20% off everything. Reply STOP to opt out.",
      "You've been unsubscribed and won't receive more messages. Reply START to resubscribe.",
    ],
    callerOpen: ["Please take me off your call list", "Stop calling me"],
    callerFollow: ["Just take me off the list", "No, thank you"],
    agentSpoken: ["I understand. I've removed your number from our list.", "Sorry for the trouble. You won't get any more calls."],
    state: ['optedOut'],
  },
  {
    name: 'greeting',
    weight: 3,
    open: [
      "Hello",
      "Hi",
      "hey",
      "Hi, is this {business}?",
      "Good morning! Are you open today?",
      "Hi there 👋",
      "Is anyone there?",
      "hello?",
    ],
    follow: [
      "What are your hours {day}?",
      "Do you take walk-ins?",
      "Where are you located?",
      "Great thanks!",
      "Can I talk to a real person?",
      "ok",
      "👍",
    ],
    agent: [
      "Hi! This is {business}. How can I help you today?",
      "Hi {first}! Thanks for reaching out. What can I do for you?",
      "We're open 9am–6pm Monday to Saturday, closed Sundays.",
      "We're at {street}. Walk-ins are welcome!",
      "Sure, I'll have someone from our team text you back shortly.",
      "Happy to help! 😊",
    ],
    callerOpen: ["Hi", "Hello?", "Hi, is this {business}?", "Yeah, hi, are you open today?"],
    callerFollow: [
      "What time do you close?",
      "Can I talk to a real person?",
      "Okay, thanks",
      "Where are you located?",
      "Can you hear me?",
      "Hello? Are you still there?",
    ],
    agentSpoken: [
      "Hello, how can I help?",
      "Hi, thanks for calling {business}. How can I help you today?",
      "We're open nine to six, Monday through Saturday.",
      "Sure, let me transfer you to someone on our team.",
    ],
    state: ['customerName', 'intent'],
  },
  {
    name: 'support',
    weight: 3,
    open: [
      "My account is locked, can you help?",
      "I can't log in, it keeps saying my password is wrong",
      "The app keeps crashing when I open it",
      "Hi, my {product} stopped working",
      "I never got the verification code",
    ],
    follow: [
      "I tried that already",
      "It's {first} {lastInitial}.",
      "That worked, thanks!!",
      "Still not working 😕",
      "iPhone 15, latest update",
      "ok trying now",
    ],
    agent: [
      "Sorry about that! Can you confirm the email on your account?",
      "I've sent a password reset link. It expires in 30 minutes.",
      "Could you try restarting the app and signing in again?",
      "I've opened ticket {ref} and escalated it to our tech team.",
      "Glad that worked! Anything else?",
    ],
    callerOpen: ["Hi, I'm locked out of my account", "Hi, something's wrong with my {product}", "I can't log in to my account"],
    callerFollow: ["I already tried that", "Okay, it's working now", "It says my password is wrong", "Can you send me a reset link?"],
    agentSpoken: [
      "I can help with that. Can you tell me the email on the account?",
      "I've sent a reset link to your email.",
      "Let me open a ticket for our tech team.",
    ],
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
