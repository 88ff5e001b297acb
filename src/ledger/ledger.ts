import type { Channel, ContactAttempt } from '../types.js';

/** A contact to record against a debtor. `at` is an instant (ms since the epoch). */
export interface NewContact {
  channel: Channel;
  at: number;
  conversation: boolean;
  /** 'check' (recorded by /v1/check) or 'contact' (reported by /v1/contacts). */
  source: 'check' | 'contact';
  verdict?: string;
  ruleset?: string;
  rulesetHash?: string;
  /** Only when server.storeText is on. */
  text?: string;
}

export interface StoredContact {
  id: string;
  channel: Channel;
  at: number;
  conversation: boolean;
}

/** What a check decides once it has seen the debtor's history: a value to answer with, and maybe a contact to record. */
export interface Decision<T> {
  value: T;
  record: NewContact | null;
}

/**
 * The contact ledger. Debtors are known only by a keyed hash (`debtorKey`).
 * `checkAndRecord` is the one operation that must be atomic per debtor: the
 * history it reads and the contact it writes are seen by no concurrent
 * checkAndRecord for the same debtor in between, in this process or any other
 * that shares the database.
 */
export interface Ledger {
  readonly kind: 'sqlite' | 'postgres';
  /** A safe description (no password) for logs and /readyz. */
  readonly description: string;
  /** Contacts with the debtor at or after `since`. */
  history(debtorKey: string, since: number): Promise<ContactAttempt[]>;
  /** Read history since `since`, let `decide` judge it (synchronously; it may throw to abort), write its record, as one step. */
  checkAndRecord<T>(debtorKey: string, since: number, decide: (history: ContactAttempt[]) => Decision<T>): Promise<{ value: T; id: string | null }>;
  record(debtorKey: string, contact: NewContact): Promise<StoredContact>;
  /** Report whether a recorded call reached the debtor; null when no such contact of this debtor. */
  setConversation(debtorKey: string, id: string, conversation: boolean): Promise<StoredContact | null>;
  /** Delete contacts before `before`; returns how many. */
  purge(before: number): Promise<number>;
  /** A value stored once for every instance (the generated pepper), created by the first caller. */
  sharedSecret(name: string, create: () => string): Promise<string>;
  ping(): Promise<void>;
  count(debtorKey?: string): Promise<number>;
  close(): Promise<void>;
}

export function toAttempt(c: { channel: Channel; at: number; conversation: boolean }): ContactAttempt {
  return { channel: c.channel, at: new Date(c.at).toISOString(), conversation: c.conversation };
}
