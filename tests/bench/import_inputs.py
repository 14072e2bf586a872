#!/usr/bin/env python3
"""Synthetic inputs for the importer benchmark (tests/bench/import_bench.py): N records in each
format `eventgraph import` reads, shaped as the services write them (the fixtures in
tests/data/import/ show the fields), every record after the first replying to an earlier one,
one author per 200 records plus 10. Invented accounts only (example domains).

    tests/bench/import_inputs.py 1000000 /tmp/eventgraph-bench/import
"""

import json
import os
import random
import sys
from datetime import datetime, timedelta, timezone

FORMATS = ("csv", "timelinejs", "timesketch", "x", "activitystreams", "bluesky", "mbox")
FILES = {"csv": "sheet.csv", "timelinejs": "timelinejs.csv", "timesketch": "timesketch.jsonl",
         "x": "twarc2.jsonl", "activitystreams": "outbox.json", "bluesky": "repo.jsonl",
         "mbox": "list.mbox"}
START = datetime(2020, 1, 1, tzinfo=timezone.utc)
WORDS = ("port", "berth", "council", "vote", "count", "ships", "delay", "report", "figures",
         "statement", "reply", "minutes", "board", "harbor", "pier", "agency", "letter")


author_of = []


def records(n, seed=1):
    """(index, parent index or None, author index, time, text) in time order; author_of[i]
    is record i's author."""
    rng = random.Random(seed)
    authors = n // 200 + 10
    t = START
    author_of.clear()
    for i in range(n):
        t += timedelta(seconds=rng.randint(1, 120))
        parent = None if i == 0 or rng.random() < 0.05 else rng.randint(max(0, i - 5000), i - 1)
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 18)))
        author_of.append(rng.randrange(authors))
        yield i, parent, author_of[-1], t, text


def csv_cell(text):
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\r\n') else text


def write_csv(out, n):
    out.write("ID,Date,Headline,Description,Author,Tags,In reply to\r\n")
    for i, parent, a, t, text in records(n):
        out.write(f"r{i},{t:%Y-%m-%dT%H:%M:%SZ},{csv_cell(text[:60])},{csv_cell(text)},"
                  f"Author {a},harbor,{'' if parent is None else f'r{parent}'}\r\n")


def write_timelinejs(out, n):
    out.write("Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,"
              "Text,Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background\r\n")
    for i, _, a, t, text in records(n):
        out.write(f"{t.year},{t.month},{t.day},{t:%H:%M:%S},,,,,,{csv_cell(text[:60])},"
                  f"{csv_cell('<p>' + text + '</p>')},,,,,,Group {a},\r\n")


def write_timesketch(out, n):
    for i, _, a, t, text in records(n):
        out.write(json.dumps({"message": text, "datetime": t.isoformat(),
                              "timestamp_desc": "Event Recorded", "data_type": "syslog:line",
                              "hostname": f"host-{a}.example.internal", "_id": f"ev-{i}"}) + "\n")


def write_x(out, n):
    """twarc2 JSON lines: pages of 100 tweets with their authors in includes.users."""
    page, users = [], {}
    def flush():
        out.write(json.dumps({"data": page, "includes": {"users": list(users.values())}}) + "\n")
        page.clear()
        users.clear()
    for i, parent, a, t, text in records(n):
        tweet = {"id": str(10**15 + i), "author_id": str(1000 + a), "conversation_id": str(10**15),
                 "created_at": f"{t:%Y-%m-%dT%H:%M:%S}.000Z", "text": text}
        if parent is not None:
            tweet["referenced_tweets"] = [{"type": "replied_to", "id": str(10**15 + parent)}]
        page.append(tweet)
        users[a] = {"id": str(1000 + a), "name": f"User {a}", "username": f"user{a}_example"}
        if len(page) == 100:
            flush()
    if page:
        flush()


def write_activitystreams(out, n):
    base = "https://social.example/users/"
    out.write('{"@context": "https://www.w3.org/ns/activitystreams", "id": "outbox.json", '
              f'"type": "OrderedCollection", "totalItems": {n}, "orderedItems": [\n')
    for i, parent, a, t, text in records(n):
        actor = f"{base}u{a}"
        note = {"id": f"{actor}/statuses/{i}", "type": "Note", "published": f"{t:%Y-%m-%dT%H:%M:%SZ}",
                "attributedTo": actor, "url": f"https://social.example/@u{a}/{i}",
                "to": ["https://www.w3.org/ns/activitystreams#Public"],
                "inReplyTo": None, "content": f"<p>{text}</p>"}
        if parent is not None:
            note["inReplyTo"] = f"{base}u{author_of[parent]}/statuses/{parent}"
        activity = {"id": f"{actor}/statuses/{i}/activity", "type": "Create", "actor": actor,
                    "published": note["published"], "object": note}
        out.write(("," if i else "") + json.dumps(activity) + "\n")
    out.write("]}\n")


def write_bluesky(out, n):
    for i, parent, a, t, text in records(n):
        value = {"$type": "app.bsky.feed.post", "text": text,
                 "createdAt": f"{t:%Y-%m-%dT%H:%M:%S}.000Z"}
        if parent is not None:
            uri = f"at://did:plc:u{author_of[parent]}example/app.bsky.feed.post/p{parent}"
            value["reply"] = {"root": {"uri": uri, "cid": "bafy"}, "parent": {"uri": uri, "cid": "bafy"}}
        out.write(json.dumps({"uri": f"at://did:plc:u{a}example/app.bsky.feed.post/p{i}",
                              "cid": f"bafy{i}", "value": value}) + "\n")


def write_mbox(out, n):
    for i, parent, a, t, text in records(n):
        out.write(f"From u{a}@lists.example {t:%a %b %d %H:%M:%S %Y}\n"
                  f"From: User {a} <u{a}@lists.example>\nTo: dev@lists.example\n"
                  f"Subject: Re: {text[:40]}\nDate: {t:%a, %d %b %Y %H:%M:%S +0000}\n"
                  f"Message-ID: <m{i}@lists.example>\n")
        if parent is not None:
            out.write(f"In-Reply-To: <m{parent}@lists.example>\n")
        out.write(f"\n{text}\n\n")


def main():
    n = int(sys.argv[1])
    folder = sys.argv[2]
    only = sys.argv[3:] or FORMATS
    os.makedirs(folder, exist_ok=True)
    for name in only:
        path = os.path.join(folder, f"{n}-{FILES[name]}")
        if os.path.exists(path):
            continue
        with open(path + ".part", "w", encoding="utf-8", newline="") as out:
            globals()["write_" + name](out, n)
        os.replace(path + ".part", path)
        print(path, file=sys.stderr)


if __name__ == "__main__":
    main()
