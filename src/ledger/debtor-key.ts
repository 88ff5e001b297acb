import { createHmac, randomBytes } from 'node:crypto';

/**
 * Debtor ids are stored as HMAC-SHA256 under a server-side pepper: equal ids
 * meet in the ledger, but a stolen database cannot be reversed by hashing
 * every plausible id (phone numbers, ID numbers) without the pepper.
 */
export function debtorKey(pepper: string, debtorId: string): string {
  return createHmac('sha256', pepper).update(debtorId, 'utf8').digest('hex');
}

export function newPepper(): string {
  return randomBytes(32).toString('base64url');
}
