import yaml, glob, json, collections
root='/work/main'
claims={c['id']:c for c in yaml.safe_load(open(f'{root}/claims.yaml'))['claims']}
def norm_b(v):
    if v is True: return 'yes'
    if v is False: return 'no'
    return str(v)
def spk(v):
    return tuple(sorted(v or []))
rows=[]
for art in ['wotr','hamas-vs-iran','portal','daily-beast','cnn']:
    A={i['item']:i for i in yaml.safe_load(open(f'verdict-{art}-A.yaml'))['items']}
    B={i['item']:i for i in yaml.safe_load(open(f'verdict-{art}-B.yaml'))['items']}
    for key in A:
        cid, idx = key.rsplit('#',1); idx=int(idx)
        e=claims[cid]['evidence'][idx]
        cur_sp = tuple(sorted([e['speaker']])) if e.get('speaker') else ()
        a,b=A[key],B[key]
        rows.append(dict(item=key, art=art, quote=e['quote'], cur_stance=e['stance'], cur_speakers=cur_sp, note=e.get('note'),
            a_bears=norm_b(a['bears']), b_bears=norm_b(b['bears']), a_stance=a['stance'], b_stance=b['stance'],
            a_sp=spk(a.get('speakers')), b_sp=spk(b.get('speakers')), a_fix=a.get('quote_fix'), b_fix=b.get('quote_fix'),
            a_c=a.get('comment'), b_c=b.get('comment'), statement=claims[cid]['statement']))
json.dump(rows, open('rows.json','w'), indent=1, default=list)
C=collections.Counter()
for r in rows:
    C['bears:'+('both-no' if r['a_bears']=='no' and r['b_bears']=='no' else 'one-no' if 'no' in (r['a_bears'],r['b_bears']) else 'ok')]+=1
    agree_st = r['a_stance']==r['b_stance']
    C['stance:'+('agree-same-as-current' if agree_st and r['a_stance']==r['cur_stance'] else 'agree-differs' if agree_st else 'disagree')]+=1
    agree_sp = r['a_sp']==r['b_sp']
    C['speaker:'+('agree-same' if agree_sp and r['a_sp']==r['cur_speakers'] else 'agree-differs' if agree_sp else 'disagree')]+=1
    C['fix:'+('both' if r['a_fix'] and r['b_fix'] else 'one' if (r['a_fix'] or r['b_fix']) else 'none')]+=1
for k in sorted(C): print(k, C[k])
