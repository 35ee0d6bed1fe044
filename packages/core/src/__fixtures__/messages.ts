import { type Message, type MessageInput, messageSchema } from '../message-schema.js';

export type { Message };

/** Parses a message literal for a test (applies the schema's defaults), failing loudly if it is invalid. */
export function parseMessageInput(input: MessageInput): Message {
  return messageSchema.parse(input);
}
