"""Items both blind readers found to bear on only part of the statement, recorded as 'supports':
by the stance vocabulary ('qualifies: agrees in part ... a narrower scope') they qualify it."""
import json, yaml, re
ROOT='/work/main'
rows=json.load(open('rows.json'))
text=open(f'{ROOT}/claims.yaml').read(); header, body = text.split('\n',1)
data=yaml.safe_load(body)
claims={c['id']:c for c in data['claims']}
fold=lambda s: re.sub(r"[“”\"‘’']", "'", ' '.join(s.split()))
def short(q, n=70):
    q=' '.join(q.split()); return q if len(q)<=n else q[:n-1].rstrip()+'…'
log={}
for r in rows:
    if not (r['a_bears']=='partly' and r['b_bears']=='partly'): continue
    cid=r['item'].split('#')[0]
    c=claims.get(cid)
    if not c or c.get('retired'): continue
    for e in c['evidence']:
        if e['source']==r['art'] and fold(e['quote'])==fold(r['quote']) and e['stance']=='supports':
            e['stance']='qualifies'
            if not e.get('note'):
                e['note']=' '.join((r['a_c'] or r['b_c']).split())
            log.setdefault(cid,[]).append(f"stance of the {e['source']} quote \"{short(e['quote'])}\": supports → qualifies (it bears on part of the statement only)")
order=['source','quote','stance','speakers','attribution','occurrence','note']
for c in data['claims']:
    c['evidence']=[{k:e[k] for k in order if k in e and e[k] not in (None,[],'')} for e in c['evidence']]
open(f'{ROOT}/claims.yaml','w').write(header+'\n'+yaml.dump(data, sort_keys=False, allow_unicode=True, width=100))
entries=[{'date':'2026-12-01','record':cid,'kind':'changed','changes':ch,'reason':"Evidence review of December 2026: both blind readers found that the quote bears on only part of the statement; by the stance vocabulary (qualifies: agrees in part, a narrower scope) it qualifies the claim rather than supporting all of it."} for cid,ch in log.items()]
json.dump(entries, open('changelog-partly.json','w'), indent=1, ensure_ascii=False)
print(len(entries), sum(len(v) for v in log.values()))
