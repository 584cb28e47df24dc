import yaml, random
srcs={s['id']:s for s in yaml.safe_load(open('/work/main/seeds/sources.yaml'))['sources']}
for label in ('before','after'):
    claims=yaml.safe_load(open(f'/work/audit/claims-{label}.yaml'))['claims']
    claims=[c for c in claims if not c.get('retired')]
    rng=random.Random(20261201)
    sample=rng.sample(claims, 40)
    out=[f"# Audit packet ({len(sample)} claims)\n", "Articles: the seed files under /work/main/seeds/ (which file is which article: /work/main/seeds/sources.yaml, field seed_file).\n"]
    n=0
    for c in sample:
        out.append(f"\n## claim `{c['id']}`\nStatement: {c['statement']}\n")
        for i,e in enumerate(c['evidence']):
            sp = e.get('speakers') if 'speakers' in e else ([e['speaker']] if e.get('speaker') else [])
            out.append(f"- item `{c['id']}#{i}` [{e['source']}] stance: {e['stance']}; speakers: {sp or '(article’s own voice)'}" + (f"; note: {e['note']}" if e.get('note') else '') + f"\n  «{' '.join(e['quote'].split())}»")
            n+=1
    open(f'/work/audit/packet-{label}.md','w').write('\n'.join(out)+'\n')
    print(label, n)
