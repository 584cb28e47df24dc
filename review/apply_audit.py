import yaml, re, json
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
X=packet_quotes('/work/audit/packet-X.md'); Y=packet_quotes('/work/audit/packet-Y.md')
# (packet, item, action)
ACTIONS=[
 ('X','iran-urges-expanding-resistance-to-west-bank#0',{'add_speakers':['ali-khamenei']}),
 ('X','iranian-support-enables-hamas-attacks#3',{'remove':True}),
 ('X','iranian-support-enables-hamas-attacks#11',{'remove':True}),
 ('X','iran-training-of-hamas-operatives#5',{'remove':True}),
 ('X','longer-war-raises-iran-escalation-risk#4',{'stance':'qualifies','add_speakers':['three-senior-officials']}),
 ('X','iran-avoids-direct-war#12',{'add_speakers':['iranian-officials','hamas-officials']}),
 ('X','iran-avoids-direct-war#16',{'add_speakers':['three-senior-officials']}),
 ('X','syrian-war-sectarian-alignment#0',{'remove':True}),
 ('X','iran-may-pay-heavier-price-for-palestinians#1',{'add_speakers':['three-senior-officials']}),
 ('X','few-israel-hezbollah-exchanges-since-2006#2',{'stance':'qualifies'}),
 ('X','de-escalating-multi-layered-conflict-daunting#1',{'remove':True}),
 ('X','us-deterrence-signals#3',{'stance':'qualifies'}),
 ('X','iran-supplied-advanced-weapons-to-hamas#0',{'stance':'qualifies'}),
 ('X','iran-supplied-advanced-weapons-to-hamas#1',{'remove':True}),
 ('Y','iran-network-loose-not-hierarchical#5',{'remove':True}),
 ('Y','israel-threatened-military-action-over-iran-nuclear#1',{'stance':'mentions'}),
 ('Y','april-2023-escalation-not-iranian-initiative#2',{'stance':'qualifies'}),
 ('Y','iran-seeks-to-avoid-direct-war#8',{'stance':'qualifies'}),
 ('Y','us-deterrence-signals#1',{'stance':'qualifies'}),
 ('Y','iran-strategy-creates-deterrence#0',{'stance':'qualifies'}),
 ('Y','hamas-hezbollah-moved-past-differences#3',{'stance':'qualifies'}),
 ('Y','michael-iran-seeks-perpetual-conflict-to-wear-down-israel#1',{'remove':True}),
 ('Y','michael-iran-seeks-perpetual-conflict-to-wear-down-israel#2',{'remove':True}),
 ('Y','hezbollah-kept-attacks-limited-to-border#0',{'stance':'qualifies'}),
 # hedges found by the same rule (a hedge governing the statement's point makes it 'qualifies')
 ('C','iran-wants-no-multi-front-war',{'stance':'qualifies','quote_prefix':'At this stage, it appears Iran has no interest'}),
 ('C','iran-restraining-hezbollah',{'stance':'qualifies','quote_prefix':'At this stage, it appears Iran has no interest'}),
 ('C','us-wants-to-prevent-war-spreading',{'stance':'qualifies','quote_prefix':'seemingly with the intent of deterring'}),
]
WHY={'X':'a third, blind reader (audit of a random sample of the records as they were before the review)',
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
        cid=item.split('#')[0]; src, quote = (X if pk=='X' else Y)[item]
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
open(f'{ROOT}/claims.yaml','w').write(header+'\n'+yaml.dump(data, sort_keys=False, allow_unicode=True, width=100))
entries=[]
for cid, ch in log.items():
    by={}
    for pk,txt in ch: by.setdefault(pk,[]).append(txt)
    for pk,txts in by.items():
        entries.append({'date':'2026-12-01','record':cid,'kind':'changed','changes':txts,'reason':'Evidence review of December 2026, found by '+WHY[pk]+'.'})
json.dump(entries, open('/work/review/changelog-audit.json','w'), indent=1, ensure_ascii=False)
print(len(entries), sum(len(v) for v in log.values()))
