import json, yaml, sys
ROOT='/work/main'
DATE='2026-12-01'
REASON=("Evidence review of December 2026: every evidence item was re-read against its article by two "
        "independent readers who did not see the recorded stance, speaker or notes; what both found was "
        "applied, and the editor decided where they differed.")
log=json.load(open('changelog.json'))
# in the order the steps ran
STEPS = ['extra', 'audit-1', 'checks', 'partly', 'audit-2', 'audit-3', 'disagreements', 'audit-4', 'audit-5']
extra = [entry for step in STEPS for entry in json.load(open(f'changelog-{step}.json'))]
entries=[]
for claim_id, changes in log.items():
    entries.append({'date': DATE, 'record': claim_id, 'kind': 'changed', 'changes': changes, 'reason': REASON})
entries += extra
doc={'published': '2026-11-22', 'corrections': entries}
header=("# yaml-language-server: $schema=schemas/corrections.schema.json\n"
        "# The public corrections log: every change to a published record, oldest first (see docs/editing.md).\n"
        "# A record's version counts the days it was corrected; its citation names that version.\n")
open(f'{ROOT}/corrections.yaml','w').write(header+yaml.dump(doc, sort_keys=False, allow_unicode=True, width=110))
print(len(entries))
