import yaml, json, collections, glob
ROOT='/work/main'
DATE='2026-12-01'
REASON_SPLIT=("Evidence review of December 2026: both readers of at least one article found that the statement joined several "
              "propositions (or said more than its quotes); it was split so that each claim is one proposition with its own stances.")
splits=[]
for f in sorted(glob.glob('split-result-*.yaml')):
    splits += yaml.safe_load(open(f))['splits']
new_ids=[n['id'] for s in splits for n in s['new']]
dups=[i for i,c in collections.Counter(new_ids).items() if c>1]
assert not dups, dups
text=open(f'{ROOT}/claims.yaml').read(); header, body = text.split('\n',1)
data=yaml.safe_load(body)
existing={c['id'] for c in data['claims']}
assert not (set(new_ids)&existing), set(new_ids)&existing
by_old={s['old']:s for s in splits}
out=[]; extra=[]
order=['source','quote','stance','speakers','attribution','occurrence','note']
for c in data['claims']:
    out.append(c)
    s=by_old.get(c['id'])
    if not s: continue
    c['retired']={'reason': ' '.join(s['reason'].split()), 'successors':[n['id'] for n in s['new']]}
    extra.append({'date':DATE,'record':c['id'],'kind':'retired','changes':[f"retired: split into {len(s['new'])} claims, one proposition each"],'reason':REASON_SPLIT})
    for n in s['new']:
        ev=[]
        for e in n['evidence']:
            e=dict(e); e.setdefault('speakers',[])
            ev.append({k:e[k] for k in order if k in e and e[k] not in (None,[],'')})
        nc={'id':n['id'],'statement':' '.join(str(n['statement']).split()),'tags':n.get('tags') or [],'actors':n.get('actors') or [],'events':n.get('events') or [],'evidence':ev}
        nc={k:v for k,v in nc.items() if v!=[] or k=='evidence'}
        out.append(nc)
        extra.append({'date':DATE,'record':n['id'],'kind':'added','changes':[f"new claim, split from {c['id']}"],'reason':REASON_SPLIT})
data['claims']=out
open(f'{ROOT}/claims.yaml','w').write(header+'\n'+yaml.dump(data, sort_keys=False, allow_unicode=True, width=100))
# relations
rel_map=collections.defaultdict(dict)
for s in splits:
    for r in s.get('relations') or []:
        rel_map[(r['subject'],r['type'],r['object'])][s['old']]=r.get('cite') or []
q_map=collections.defaultdict(dict)
for s in splits:
    for q in s.get('questions') or []:
        q_map[q['question']][s['old']]=q.get('claim')
json.dump({'rel':{' '.join(k):v for k,v in rel_map.items()},'q':q_map}, open('split-refs.json','w'), indent=1)
json.dump(extra, open('changelog-extra.json','w'), indent=1, ensure_ascii=False)
print(len(splits), len(new_ids))
