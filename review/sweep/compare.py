import yaml,json
cl={c['id']:c for c in yaml.safe_load(open('/work/main/claims.yaml'))['claims']}
def rec(key):
    cid,i=key.rsplit('#',1); e=cl[cid]['evidence'][int(i)]
    sp=e.get('speakers') if 'speakers' in e else ([e['speaker']] if e.get('speaker') else [])
    return e,sp
rows=[]
for g in 'PQ':
    v1={x['item']:x for x in yaml.safe_load(open(f'verdict-{g}-1.yaml'))['items']}
    v2={x['item']:x for x in yaml.safe_load(open(f'verdict-{g}-2.yaml'))['items']}
    assert v1.keys()==v2.keys()
    for k in v1:
        e,sp=rec(k); a,b=v1[k],v2[k]
        sa=a.get('stance') if a['bears'] else 'NOBEAR'; sb=b.get('stance') if b['bears'] else 'NOBEAR'
        rows.append(dict(key=k,src=e['source'],rec=e['stance'],a=sa,b=sb,recsp=sp,spa=a.get('speakers') or [],spb=b.get('speakers') or [],wa=a.get('why',''),wb=b.get('why',''),note=e.get('note',''),quote=' '.join(e['quote'].split()),stmt=' '.join(cl[k.rsplit('#',1)[0]]['statement'].split())))
json.dump(rows,open('rows.json','w'),indent=1,ensure_ascii=False)
from collections import Counter
cat=Counter()
for r in rows:
    if r['a']==r['b']==r['rec']: c='agree-keep'
    elif r['a']==r['b']=='NOBEAR': c='both-nobear'
    elif r['a']==r['b']: c='both-change'
    elif r['rec'] in (r['a'],r['b']): c='one-differs'
    else: c='both-differ-differently'
    r['cat']=c; cat[c]+=1
print(cat)
sp=Counter()
for r in rows:
    if sorted(r['spa'])==sorted(r['spb'])!=sorted(r['recsp']): sp['both-speaker-change']+=1
print(sp)
json.dump(rows,open('rows.json','w'),indent=1,ensure_ascii=False)
