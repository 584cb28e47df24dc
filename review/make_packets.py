import yaml, json, re
root='/work/main'
claims=yaml.safe_load(open(f'{root}/claims.yaml'))['claims']
srcs=yaml.safe_load(open(f'{root}/seeds/sources.yaml'))['sources']
actors=yaml.safe_load(open(f'{root}/actors.yaml'))['actors']
actor_lines='\n'.join(f"- {a['id']}: {a['name']}" + (f" (aliases: {', '.join(a.get('aliases') or [])})" if a.get('aliases') else '') for a in actors)
for s in srcs:
    text=open(f"{root}/seeds/{s['seed_file']}",encoding='utf-8').read()
    lines=text.split('\n')
    numbered='\n'.join(f"[L{i+1}] {l}" for i,l in enumerate(lines))
    out=[]
    out.append(f"# Review packet: article `{s['id']}`\n")
    out.append(f"Title: {s['title']}\nOutlet: {s['outlet']}\n")
    out.append("## The article, verbatim (line numbers added in brackets, not part of the text)\n")
    out.append(numbered)
    out.append("\n\n## Known actor ids (use these ids for speakers; if a speaker has no id, write `name:` followed by the name as the text gives it)\n")
    out.append(actor_lines)
    out.append("\n\n## Claims and evidence items to judge\n")
    n=0
    for c in claims:
        items=[(i,e) for i,e in enumerate(c['evidence']) if e['source']==s['id']]
        if not items: continue
        out.append(f"\n### claim `{c['id']}`\nStatement: {c['statement']}\n")
        for i,e in items:
            q=' '.join(e['quote'].split())
            pos=text.find(e['quote'])
            line = text[:pos].count('\n')+1 if pos>=0 else '?'
            out.append(f"- item `{c['id']}#{i}` (line L{line}): «{q}»")
            n+=1
    open(f"/work/review/packet-{s['id']}.md",'w').write('\n'.join(out)+'\n')
    print(s['id'], n)
