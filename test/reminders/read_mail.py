"""Reads every message an SMTP server delivered into a Maildir with Python's own email parser
and prints them as JSON (headers, the plain and HTML parts decoded), for digest.test.ts."""
import json
import mailbox
import sys
from email import policy
from email.parser import BytesParser

out = []
box = mailbox.Maildir(sys.argv[1], create=False)
for key in sorted(box.keys()):
    with box.get_file(key) as f:
        msg = BytesParser(policy=policy.default).parse(f)
    text = msg.get_body(preferencelist=('plain',))
    html = msg.get_body(preferencelist=('html',))
    out.append({
        'from': str(msg['From']),
        'to': str(msg['To']),
        'subject': str(msg['Subject']),
        'date': str(msg['Date']),
        'contentType': msg.get_content_type(),
        'text': None if text is None else text.get_content(),
        'html': None if html is None else html.get_content(),
    })
print(json.dumps(out))
