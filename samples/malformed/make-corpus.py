#!/usr/bin/env python3
"""Regenerates the malformed snapshot corpus from samples/snapshots/log-client.json.

Each case is (file name, expected field path or '' when no field applies, expected message
fragment, bytes). expected.tsv lists them; SnapshotCorpusTest (inspector-core) and
ShowMalformedTest (app) read it. Run: python3 samples/malformed/make-corpus.py
The 100 MB case is not here: the tests generate it at run time.
"""
import os, re

HERE = os.path.dirname(os.path.abspath(__file__))
GOLD = open(os.path.join(HERE, '..', 'snapshots', 'log-client.json'), 'rb').read()
G = GOLD.decode('utf-8')
cases = []

def case(name, field, fragment, data):
    if isinstance(data, str):
        data = data.encode('utf-8')
    assert data != GOLD, name
    cases.append((name, field, fragment, data))

def sub(old, new, count=1):
    assert G.count(old) >= 1, old
    return G.replace(old, new, count)

def cut_after(marker):
    i = G.index(marker) + len(marker)
    return G[:i]

# truncated at every section (and inside values)
case('truncated-in-capmap.json', 'capMap[1]', 'truncated', cut_after('"rawId": 1, "refCount"'))
case('truncated-after-capmap.json', '', 'truncated', cut_after('  ],\n'))
case('truncated-in-meta.json', 'meta', 'truncated', cut_after('"kernel": "l4sim (Fi'))
case('truncated-in-objects.json', 'objects[3]', 'truncated', cut_after('{"id": 675, "kind": "Ipc_ga'))
case('truncated-in-slots.json', 'slots[4]', 'truncated', cut_after('"role": "thread 0 irq", "sel'))
case('truncated-before-last-brace.json', '', 'truncated', G.rstrip()[:-1])
case('empty.json', '', 'empty', '')
# wrong types
case('selector-is-string.json', 'slots[0].selector', 'found a string', sub('"selector": 1}', '"selector": "1"}'))
case('rights-is-number.json', 'slots[0].rights', '', sub('"rights": "RWS", "role": "task"', '"rights": 7, "role": "task"'))
case('meta-is-array.json', 'meta', '', re.sub(r'"meta": \{.*?\n  \},', '"meta": [1, 2],', G, flags=re.S))
case('capmap-is-object.json', 'capMap', '', re.sub(r'"capMap": \[.*?\n  \],', '"capMap": {"index": 11},', G, flags=re.S))
case('generation-is-bool.json', 'meta.generation', '', sub('"generation": 12', '"generation": true'))
case('label-is-float.json', 'objects[1].label', '', sub('"label": 12}', '"label": 12.5}'))
case('top-level-array.json', '', '', '[' + G + ']')
# out-of-range numbers
case('selector-out-of-range.json', 'slots[0].selector', 'out of range 0..4296', sub('"selector": 1}', '"selector": 5000}'))
case('selector-negative.json', 'slots[0].selector', '', sub('"selector": 1}', '"selector": -1}'))
case('object-id-negative.json', 'objects[0].id', '', sub('{"id": 672, "kind": "Task"}', '{"id": -672, "kind": "Task"}'))
case('capmap-index-past-4296.json', 'capMap[0].index', 'out of range 0..4296', sub('{"index": 11, "rawId": 12', '{"index": 4297, "rawId": 12'))
case('rawid-zero.json', 'capMap[0].rawId', 'out of range', sub('"rawId": 12,', '"rawId": 0,'))
case('refcount-over-255.json', 'capMap[0].refCount', '', sub('"rawId": 12, "refCount": 1', '"rawId": 12, "refCount": 300'))
case('generation-huge.json', 'meta.generation', '', sub('"generation": 12', '"generation": 123456789012345678901234567890'))
case('schema-version-2.json', 'meta.schema', 'unknown snapshot schema version 2', sub('"schema": 1', '"schema": 2'))
case('nan-quota.json', 'capMap[2].semantics', 'NaN', sub('"quota": 36864', '"quota": NaN'))
case('infinity-generation.json', 'meta', 'Infinity', sub('"generation": 12', '"generation": Infinity'))
# duplicates and dangling references
case('duplicate-key.json', 'meta.name', 'duplicate', sub('"name": "log-client",', '"name": "log-client", "name": "other",'))
case('duplicate-selector.json', 'slots[1].selector', 'duplicate selector', sub('"role": "parent", "selector": 11}', '"role": "parent", "selector": 1}'))
case('duplicate-object-id.json', 'objects[1].id', 'duplicate object id', sub('{"id": 673,', '{"id": 672,'))
case('slot-names-missing-object.json', 'slots[0].objectId', 'not in the objects table', sub('{"objectId": 672,', '{"objectId": 999999,'))
case('unknown-kind.json', 'objects[0].kind', '', sub('"kind": "Task"', '"kind": "Toaster"'))
case('unknown-field.json', 'slots[0].colour', 'unknown field', sub('"selector": 1}', '"selector": 1, "colour": "red"}'))
case('missing-meta.json', 'meta', '', re.sub(r'"meta": \{.*?\n  \},', '', G, flags=re.S))
case('bad-timestamp.json', 'meta.takenAt', '', sub('"takenAt": "2026-02-03T10:15:30Z"', '"takenAt": "yesterday"'))
# encodings and syntax
case('invalid-utf8.json', 'capMap[0].semantics', 'UTF-8', GOLD.replace(b'"log_client"', b'"log_\xc3\x28client"', 1))
case('bom.json', '', 'READS', b'\xef\xbb\xbf' + GOLD)
case('utf16.json', '', 'READS', G.encode('utf-16'))
case('trailing-garbage.json', '', '', G + '\n{"again": 1}\n')
case('comment.json', '', '', G.replace('{\n', '{\n  // a comment\n', 1))
case('single-quotes.json', '', '', sub('"name": "log-client"', "'name': 'log-client'"))
case('trailing-comma.json', '', '', sub('"toolVersion": "capscope 0.1.0"', '"toolVersion": "capscope 0.1.0",'))
case('nul-bytes.json', '', '', b'\x00' * 64)
case('binary-garbage.json', '', '', bytes((i * 37 + 11) % 256 for i in range(4096)))
# deep nesting and huge arrays
case('long-number.json', 'capMap[2].semantics', 'more than 1000 digits', sub('"quota": 36864', '"quota": ' + '9' * 1500))
case('deep-nesting.json', '', 'nested more than 64 levels deep', sub('"semantics": {"label": "log_client"', '"semantics": {"label": ' + '[' * 5000 + ']' * 5000 + ', "x": "log_client"'))
case('huge-slots-array.json', '', 'duplicate selector', sub('"slots": [\n', '"slots": [\n' + ''.join('    {"objectId": 672, "rights": "RWS", "role": "x", "selector": %d},\n' % (i % 4297) for i in range(5000))))
case('huge-capmap-array.json', '', 'duplicate cap-map index', sub('"capMap": [\n', '"capMap": [\n' + ''.join('    {"index": %d, "rawId": 65535, "refCount": 1},\n' % (i % 4297) for i in range(5000))))
case('thread-index-negative.json', 'threads[0].index', 'out of range', sub('{"index": 0, "name": "main"', '{"index": -1, "name": "main"'))
case('thread-state-missing.json', 'threads[0].state', 'missing', sub(', "state": "running"}', '}'))

os.makedirs(HERE, exist_ok=True)
for f in os.listdir(HERE):
    if f.endswith('.json'):
        os.remove(os.path.join(HERE, f))
with open(os.path.join(HERE, 'expected.tsv'), 'w') as tsv:
    tsv.write('# file\tfield path ("-": none applies)\tmessage fragment ("-": any; READS: a valid variant that must read like the original)\n')
    for name, field, fragment, data in cases:
        with open(os.path.join(HERE, name), 'wb') as f:
            f.write(data)
        tsv.write('%s\t%s\t%s\n' % (name, field or '-', fragment or '-'))
print(len(cases), 'cases')
