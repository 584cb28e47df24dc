import json, collections, yaml
rows=json.load(open('rows.json'))
texts={}
srcs=yaml.safe_load(open('/work/main/seeds/sources.yaml'))['sources']
for s in srcs: texts[s['id']]=open('/work/main/seeds/'+s['seed_file'],encoding='utf-8').read()
auto={}; manual=collections.defaultdict(list)
for r in rows:
    k=r['item']; d={}
    a_no, b_no = r['a_bears']=='no', r['b_bears']=='no'
    fixes=[f for f in (r['a_fix'],r['b_fix']) if f]
    if a_no and b_no:
        if fixes: manual['both-no-with-fix'].append(k)
        else: d['remove']=True
    elif a_no or b_no:
        manual['one-no'].append(k)
    if r['a_stance']==r['b_stance']:
        d['stance']=r['a_stance']
    elif r['cur_stance'] in (r['a_stance'],r['b_stance']):
        d['stance']=r['cur_stance']
    else: manual['stance-3way'].append(k)
    a_sp,b_sp=tuple(r['a_sp']),tuple(r['b_sp'])
    if a_sp==b_sp: d['speakers']=list(a_sp)
    elif tuple(r['cur_speakers']) in (a_sp,b_sp): d['speakers']=list(r['cur_speakers'])
    else: manual['speaker-3way'].append(k)
    if not d.get('remove'):
        if len(fixes)==2 and fixes[0]==fixes[1]: d['quote']=fixes[0]
        elif len(fixes)==2: manual['fix-differ'].append(k)
        elif len(fixes)==1: manual['fix-one'].append(k)
    auto[k]=d
json.dump(auto,open('auto.json','w'),indent=1)
json.dump(manual,open('manual.json','w'),indent=1)
for m in manual: print(m, len(manual[m]))
print(sum(1 for d in auto.values() if d.get('remove')))
# name: speakers
names=collections.Counter(s for d in auto.values() for s in d.get('speakers',[]) if s.startswith('name:'))
print(names)
