"""Reads an iCalendar feed from stdin with python3-icalendar (the parser calendar tools built on
Python use) and prints what it understood as JSON, for feed.test.ts. A parse error exits 1."""
import json
import sys

import datetime

import icalendar
from dateutil.rrule import rrulestr

cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
events = []
for ev in cal.walk('VEVENT'):
    rrule = ev.get('RRULE')
    alarms = [a for a in ev.walk('VALARM')]
    events.append({
        'uid': str(ev.get('UID')),
        'summary': str(ev.get('SUMMARY')),
        'description': str(ev.get('DESCRIPTION')),
        'start': ev.decoded('DTSTART').isoformat(),
        'end': ev.decoded('DTEND').isoformat(),
        'stamp': ev.decoded('DTSTAMP').isoformat(),
        'rrule': None if rrule is None else rrule.to_ical().decode(),
        'trigger': [str(a.decoded('TRIGGER')) for a in alarms],
        # The days a yearly event falls on in 2027 and 2028, as the rule's reader works them out.
        'occurs': None if rrule is None else [
            d.date().isoformat() for d in rrulestr(
                rrule.to_ical().decode(),
                dtstart=datetime.datetime.combine(ev.decoded('DTSTART'), datetime.time()),
            ).between(datetime.datetime(2027, 1, 1), datetime.datetime(2029, 1, 1), inc=True)
        ],
    })
print(json.dumps({
    'name': str(cal.get('X-WR-CALNAME')),
    'refresh': None if cal.get('REFRESH-INTERVAL') is None else str(cal.get('REFRESH-INTERVAL')),
    'events': events,
}))
