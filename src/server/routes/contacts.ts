import type { FastifyPluginAsync } from 'fastify';
import { debtorKey } from '../../ledger/debtor-key.js';
import type { Channel } from '../../types.js';
import type { ServerState } from '../app.js';
import { badRequest, notFound } from '../errors.js';
import { validated } from './check.js';

interface ContactRequest {
  debtorId: string;
  channel: Channel;
  at?: string;
  conversation?: boolean;
  contactId?: string;
}

/**
 * POST /v1/contacts: a contact that happened outside a check (an inbound call,
 * a letter sent by another system), or the outcome of a recorded call.
 */
export function contactRoutes(state: ServerState): FastifyPluginAsync {
  return async (app) => {
    app.post('/v1/contacts', { config: { auth: true } }, async (req, reply) => {
      const rt = state.rt;
      const body = validated<ContactRequest>(rt.validators.contact, req.body);
      const ledger = state.ledger;
      if (!ledger) throw badRequest('this server runs without a ledger (--ledger off)', [{ pointer: '/debtorId', message: 'needs a ledger' }]);
      const at = body.at === undefined ? state.now() : Date.parse(body.at);
      if (Number.isNaN(at)) throw badRequest('request body does not match the schema', [{ pointer: '/at', message: 'not a valid date-time' }]);
      const key = debtorKey(state.pepper!, body.debtorId);

      if (body.contactId !== undefined) {
        if (body.conversation === undefined) throw badRequest('request body does not match the schema', [{ pointer: '/conversation', message: 'is required with contactId' }]);
        const updated = await ledger.setConversation(key, body.contactId, body.conversation);
        if (!updated || updated.channel !== body.channel) throw notFound('no such contact for this debtor and channel');
        return { contactId: updated.id, channel: updated.channel, at: new Date(updated.at).toISOString(), conversation: updated.conversation };
      }

      const stored = await ledger.record(key, { channel: body.channel, at, conversation: body.conversation ?? false, source: 'contact' });
      state.metrics.inc('dunlint_ledger_records_total', { source: 'contact' });
      reply.code(201);
      return { contactId: stored.id, channel: stored.channel, at: new Date(stored.at).toISOString(), conversation: stored.conversation };
    });
  };
}
