import yaml, collections
ROOT='/work/main'
claims={c['id']:c for c in yaml.safe_load(open(f'{ROOT}/claims.yaml'))['claims']}
actors=yaml.safe_load(open(f'{ROOT}/actors.yaml'))
events=yaml.safe_load(open(f'{ROOT}/events.yaml'))['events']
questions=yaml.safe_load(open(f'{ROOT}/questions.yaml'))['questions']
flags=collections.defaultdict(list); differs=collections.defaultdict(list)
for art in ['wotr','hamas-vs-iran','portal','daily-beast','cnn']:
    for r in 'AB':
        for c in yaml.safe_load(open(f'verdict-{art}-{r}.yaml'))['claims']:
            if c.get('statement_ok') in (False,'no'):
                flags[c['claim']].append({'reader': f'{art}-{r}', 'problem': c.get('problem'), 'suggestion': c.get('suggestion')})
            if c.get('article_differs'):
                differs[c['claim']].append({'reader': f'{art}-{r}', 'article_differs': c['article_differs']})
multi=[k for k,v in flags.items() if len(v)>=2]
multi.sort()
batches=[multi[i::4] for i in range(4)]
for n,b in enumerate(batches,1):
    out={'claims_to_split': []}
    for k in b:
        rel=[r for r in actors['relations'] if k in r.get('claims',[])]
        qs=[{'question': q['id'], 'item': i} for q in questions for i in q.get('evidence',[]) if i['claim']==k]
        out['claims_to_split'].append({'claim': claims[k], 'reader_flags': flags[k], 'article_differs_notes': differs.get(k,[]),
            'relations_citing_it': rel, 'question_ratings_citing_it': qs})
    yaml.safe_dump(out, open(f'split-batch-{n}.yaml','w'), sort_keys=False, allow_unicode=True, width=110)
    print(n, b)
open('existing-ids.txt','w').write('\n'.join(sorted(list(claims)+[a['id'] for a in actors['actors']]+[e['id'] for e in events]))+'\n')
