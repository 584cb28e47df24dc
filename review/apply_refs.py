import yaml, json, re
ROOT='/work/main'
refs=json.load(open('split-refs.json'))
claims=yaml.safe_load(open(f'{ROOT}/claims.yaml'))['claims']
retired={c['id']:c['retired']['successors'] for c in claims if c.get('retired')}
lines=open(f'{ROOT}/actors.yaml').read().split('\n')
cur={}; changed=[]; missing=[]
for i,l in enumerate(lines):
    m=re.match(r'  - subject: (\S+)',l)
    if m: cur={'subject':m.group(1)}
    m=re.match(r'    (type|object): (\S+)',l)
    if m and cur: cur[m.group(1)]=m.group(2)
    m=re.match(r'(    claims: \[)(.*)(\])$',l)
    if m and cur and 'type' in cur:
        ids=[x.strip() for x in m.group(2).split(',')]
        key=f"{cur['subject']} {cur['type']} {cur['object']}"
        new=[]
        for x in ids:
            if x in retired:
                mp=refs['rel'].get(key,{})
                if x in mp: rep=mp[x]
                else: missing.append((key,x)); rep=[]
                changed.append((key,x,rep))
                for r in rep:
                    if r not in new: new.append(r)
            elif x not in new: new.append(x)
        if not new: print('EMPTY RELATION', key, ids)
        lines[i]=m.group(1)+', '.join(new)+m.group(3)
open(f'{ROOT}/actors.yaml','w').write('\n'.join(lines))
print('relations changed', len(changed)); print('missing', missing)
json.dump(changed, open('rel-changes.json','w'), indent=1)
# questions
qlines=open(f'{ROOT}/questions.yaml').read().split('\n')
qid=None; out=[]; skip=False; qchanged=[]
i=0
while i < len(qlines):
    l=qlines[i]
    m=re.match(r'  - id: (\S+)',l)
    if m: qid=m.group(1)
    m=re.match(r'(      - claim: )(\S+)$',l)
    if m and m.group(2) in retired:
        rep=refs['q'].get(qid,{}).get(m.group(2))
        qchanged.append((qid,m.group(2),rep))
        if rep is None:
            # drop this item: its following indented lines too
            i+=1
            while i < len(qlines) and qlines[i].startswith('        '):
                i+=1
            continue
        l=m.group(1)+rep
    out.append(l); i+=1
open(f'{ROOT}/questions.yaml','w').write('\n'.join(out))
print('questions', qchanged)
json.dump(qchanged, open('q-changes.json','w'), indent=1)
