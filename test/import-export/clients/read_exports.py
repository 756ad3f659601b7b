"""Reads Tend's vCard and ICS exports with the clients people use (python3-vobject,
python3-icalendar) and prints what they understood as JSON, for real-clients.test.ts.

Usage: read_exports.py CARDS.vcf CALENDAR.ics. Any parse error ends the run with exit 1 and the
error on stderr: a client that cannot read a file is a failure, never a warning.
"""
import json
import re
import sys

import icalendar
import vobject


def as_list(value):
    if isinstance(value, list):
        return [v for v in value if v != '']
    return [] if value in (None, '') else [value]


def values(component, name):
    return [c.value for c in component.contents.get(name, [])]


def one(component, name):
    found = values(component, name)
    return found[0] if found else None


def read_cards(path):
    with open(path, encoding='utf-8', newline='') as f:
        data = f.read()
    cards = []
    for card in vobject.readComponents(data, validate=False, ignoreUnreadable=False):
        if card.name != 'VCARD':
            raise ValueError('not a VCARD: %s' % card.name)
        n = one(card, 'n')
        cards.append({
            'version': one(card, 'version'),
            'uid': one(card, 'uid'),
            'fn': one(card, 'fn'),
            'n': None if n is None else {
                'family': as_list(n.family),
                'given': as_list(n.given),
                'additional': as_list(n.additional),
                'prefix': as_list(n.prefix),
                'suffix': as_list(n.suffix),
            },
            'emails': values(card, 'email'),
            'phones': values(card, 'tel'),
            'org': one(card, 'org'),
            'title': one(card, 'title'),
            'note': one(card, 'note'),
            'bday': one(card, 'bday'),
            'categories': one(card, 'categories'),
        })
    return cards


def vobject_events(data):
    events = []
    for cal in vobject.readComponents(data, validate=True, ignoreUnreadable=False):
        if cal.name != 'VCALENDAR':
            raise ValueError('not a VCALENDAR: %s' % cal.name)
        for ev in cal.contents.get('vevent', []):
            events.append({
                'uid': one(ev, 'uid'),
                'summary': one(ev, 'summary'),
                'description': one(ev, 'description'),
                'location': one(ev, 'location'),
                'start': str(one(ev, 'dtstart')),
                'alarms': [one(a, 'description') for a in ev.contents.get('valarm', [])],
            })
    return events


def icalendar_events(raw):
    lines = raw.split(b'\r\n')
    if lines[-1] != b'':
        raise ValueError('the file does not end with CRLF')
    for i, line in enumerate(lines[:-1]):
        if len(line) > 75:
            raise ValueError('line %d is %d octets long: %r' % (i + 1, len(line), line))
        if b'\n' in line or b'\r' in line:
            raise ValueError('line %d holds a bare CR or LF' % (i + 1))
        line.decode('utf-8')  # a split UTF-8 sequence raises here
    cal = icalendar.Calendar.from_ical(raw)
    # The values as written, unfolded but still escaped: icalendar 4 (Debian 12) unescapes `\n`
    # before `\\`, so it reads an escaped backslash followed by "n" as a newline; the test
    # compares such a value undecoded.
    raw_values = []
    for line in re.sub(r'\r\n[ \t]', '', raw.decode('utf-8')).split('\r\n'):
        name, _, value = line.partition(':')
        if name == 'BEGIN' and value == 'VEVENT':
            raw_values.append({})
        elif raw_values and name in ('SUMMARY', 'DESCRIPTION', 'LOCATION') and name.lower() not in raw_values[-1]:
            raw_values[-1][name.lower()] = value
    events = []
    for component in cal.walk():
        if getattr(component, 'errors', None):
            raise ValueError('%s: %r' % (component.name, component.errors))
        if component.name != 'VEVENT':
            continue
        events.append({
            'uid': str(component.get('uid')),
            'summary': str(component.get('summary')),
            'description': str(component.get('description')),
            'location': None if component.get('location') is None else str(component.get('location')),
            'start': component.decoded('dtstart').isoformat(),
            'alarms': [str(a.get('description')) for a in component.subcomponents if a.name == 'VALARM'],
            'raw': raw_values[len(events)],
        })
    return events


def main():
    cards_path, ics_path = sys.argv[1], sys.argv[2]
    with open(ics_path, 'rb') as f:
        raw = f.read()
    print(json.dumps({
        'cards': read_cards(cards_path),
        'vobject_events': vobject_events(raw.decode('utf-8')),
        'icalendar_events': icalendar_events(raw),
    }, ensure_ascii=False))


if __name__ == '__main__':
    main()
