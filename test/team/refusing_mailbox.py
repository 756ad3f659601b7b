"""An aiosmtpd Maildir handler that refuses every recipient whose address starts with "refused"
(550, as a mail server refuses an unknown mailbox), for digests.test.ts."""
from aiosmtpd.handlers import Mailbox


class RefusingMailbox(Mailbox):
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().startswith('refused'):
            return '550 5.1.1 mailbox unavailable'
        envelope.rcpt_tos.append(address)
        return '250 OK'
