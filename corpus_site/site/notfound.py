"""The 404 page, made to work from any folder the site is served from.

MkDocs writes ``404.html`` with absolute paths under the site_url's path (``/axis-corpus/assets/...``),
because a server shows it at any depth of the site. Served from another folder, it lost its styles and
its links. Here its paths become relative to the site root, which a script at the top of its head
finds from the address asked for (the part before the first top-level folder of the site, else the
folder of the missing page) and sets as the page's base. Style sheets and scripts are written by
script once the root is known, so the browser never fetches them from the wrong folder first.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

_ROOT_SCRIPT = (
    "<script>(function(){{var known={known};var parts=location.pathname.split('/');var at=-1;"
    "for(var n=1;n<parts.length;n++){{if(known.indexOf(parts[n])!==-1){{at=n;break;}}}}"
    "var root=at>0?parts.slice(0,at).join('/')+'/':location.pathname.replace(/[^\\/]*\\/?$/,'');"
    "window.__siteRoot=root||'/';var base=document.createElement('base');base.href=window.__siteRoot;"
    "document.head.prepend(base);"
    "window.__siteConfig=function(){{var c=document.getElementById('__config');if(!c)return;"
    "var d=JSON.parse(c.textContent);d.base=window.__siteRoot;c.textContent=JSON.stringify(d);}};}})();</script>"
)


def _written(tag: str) -> str:
    """A tag that fetches something, written by script under the site root found at run time."""
    quoted = tag.replace("\\", "\\\\").replace("'", "\\'").replace("</", "<\\/")
    quoted = re.sub(r'(href|src)="', lambda match: match.group(1) + "=\"'+window.__siteRoot+'", quoted, count=1)
    return "<script>window.__siteConfig();document.write('" + quoted + "')</script>"


def relocatable_404(html: str, base_path: str, top_folders: Iterable[str]) -> str:
    """``html`` with every ``"<base_path>...`` URL made relative to the site root, and the script that
    finds that root."""
    prefix = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
    html = re.sub(r'(["\'])' + re.escape(prefix) + r"\.?(?=[^\"']*\1)", r"\1", html)
    # resources: their relative address goes after the root the script found
    html = re.sub(r'<link rel="(?:stylesheet|icon)" href="(?![a-z]+:|/)[^"]*">', lambda match: _written(match.group(0)), html)
    html = re.sub(r'<script src="(?![a-z]+:|/)[^"]*"></script>', lambda match: _written(match.group(0)), html)
    script = _ROOT_SCRIPT.format(known=json.dumps(sorted(set(top_folders))))
    return html.replace("<head>", "<head>" + script, 1)
