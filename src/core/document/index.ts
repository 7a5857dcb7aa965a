export * from './types';
export * from './cells';
export { migrate, MIGRATIONS } from './migrate';
export { documentSchema, MAX_DOCUMENT_BYTES, MAX_TEXT_CHARS, parseDocument, serializeDocument, validateDocument } from './schema';
