import yaml, re, json
class NoAlias(yaml.SafeDumper):
    def ignore_aliases(self, data): return True
ROOT='/work/main'
def packet_quotes(path):
    out={}
    cur=None
    for line in open(path):
        m=re.match(r"- item `([^`]+)` \[([^\]]+)\]", line)
        if m: cur=(m.group(1), m.group(2)); continue
        m=re.match(r"\s+«(.*)»\s*$", line)
        if m and cur: out[cur[0]]=(cur[1], m.group(1)); cur=None
    return out
P={k: packet_quotes(f'/work/audit/packet-{k}.md') for k in ('U1','U2')}
# (packet, item, action)
ACTIONS=[
 ('U2','iran-seeks-to-avoid-direct-war#1',{'stance':'qualifies'}),
 ('U2','militia-attacks-on-us-forces-respond-to-us-support-for-israel#1',{'remove':True}),
 ('U2','khamenei-urged-haniyeh-to-silence-calls-for-intervention#1',{'remove':True}),
 ('U1','iran-turned-its-focus-to-israel#1',{'stance':'qualifies'}),
 ('U1','hezbollah-not-told-of-oct7-in-advance#4',{'stance':'mentions'}),
 ('U1','israel-not-seeking-wider-war-but-ready#1',{'stance':'mentions'}),
]
WHY={'U1':'a third, blind reader (the last audit of a random sample after the review)','U2':'a third, blind reader (the last audit of a random sample after the review)','V1':'a third, blind reader (the audit of a random sample after the review)','V2':'a third, blind reader (the audit of a random sample after the review)','W2':'a third, blind reader (the final audit of a random sample after the review)','Z1':'a third, blind reader (audit of a random sample after the review)','Z2':'a third, blind reader (audit of a random sample after the review)','X':'a third, blind reader (audit of a random sample of the records as they were before the review)',
     'Y':'a third, blind reader (audit of a random sample after the review)',
     'C':'the stance rule: a hedge ("it appears", "seemingly") on the point of the statement makes the stance qualifies'}
fold=lambda s: re.sub(r"[“”\"‘’'`]", "'", ' '.join(s.split()))
text=open(f'{ROOT}/claims.yaml').read(); header, body = text.split('\n',1)
data=yaml.safe_load(body)
claims={c['id']:c for c in data['claims']}
log={}
def short(q, n=70):
    q=' '.join(q.split()); return q if len(q)<=n else q[:n-1].rstrip()+'…'
for pk, item, act in ACTIONS:
    if pk=='C':
        cids=[item]; src=None; quote=act['quote_prefix']
    else:
        cid=item.split('#')[0]; src, quote = P[pk][item]
        cids=[cid]
        if cid in claims and claims[cid].get('retired'): cids=claims[cid]['retired']['successors']
    hits=[]
    for cid in cids:
        c=claims.get(cid)
        if not c: continue
        for e in c['evidence']:
            if (src is None or e['source']==src) and (fold(e['quote']).startswith(fold(quote)) or fold(quote) in fold(e['quote']) or fold(e['quote']) in fold(quote)):
                hits.append((c,e))
    if not hits: print('NOT FOUND (already fixed?)', item); continue
    for c,e in hits:
        changes=log.setdefault(c['id'],[])
        if act.get('remove'):
            c['evidence'].remove(e); changes.append((pk,f"removed the {e['source']} quote \"{short(e['quote'])}\": it does not bear on the statement"))
            continue
        if 'stance' in act and e['stance']!=act['stance']:
            changes.append((pk,f"stance of the {e['source']} quote \"{short(e['quote'])}\": {e['stance']} → {act['stance']}")); e['stance']=act['stance']
        if 'set_speakers' in act and (e.get('speakers') or []) != act['set_speakers']:
            changes.append((pk,f"speakers of the {e['source']} quote \"{short(e['quote'])}\": {', '.join(e.get('speakers') or [])} → {', '.join(act['set_speakers']) or 'the article’s own voice'}"))
            e['speakers']=list(act['set_speakers'])
            e.pop('attribution', None)
        for s in act.get('add_speakers',[]):
            sp=e.setdefault('speakers',[])
            if s not in sp:
                old=', '.join(sp) or 'the article’s own voice'; sp.append(s)
                changes.append((pk,f"speakers of the {e['source']} quote \"{short(e['quote'])}\": {old} → {', '.join(sp)}"))
    for c,_ in hits:
        if not c['evidence']: print('EMPTY', c['id'])
order=['source','quote','stance','speakers','attribution','occurrence','note']
for c in data['claims']:
    c['evidence']=[{k:e[k] for k in order if k in e and e[k] not in (None,[],'')} for e in c['evidence']]
open(f'{ROOT}/claims.yaml','w').write(header+'\n'+yaml.dump(data, Dumper=NoAlias, sort_keys=False, allow_unicode=True, width=100))
entries=[]
for cid, ch in log.items():
    by={}
    for pk,txt in ch: by.setdefault(pk,[]).append(txt)
    for pk,txts in by.items():
        entries.append({'date':'2026-12-01','record':cid,'kind':'changed','changes':txts,'reason':'Evidence review of December 2026, found by '+WHY[pk]+'.'})
json.dump(entries, open('/work/review/changelog-audit5.json','w'), indent=1, ensure_ascii=False)
print(len(entries), sum(len(v) for v in log.values()))
