#!/usr/bin/env python3
"""Writes tests/fixtures/pages/: saved-web-page fixtures for newsdesk's article extraction.

Each page puts one article body (bodies.py, text written for newsdesk) inside the structure of a
kind of real site: navigation, cookie banners, share buttons, ads, related links, comments,
newsletters, sidebars, footers. Beside each NAME.html: NAME.txt, the article body as a person
would copy it (subheadings, paragraphs, list items, quotes, table rows, code, captions; no title,
byline or boilerplate), and pages.tsv with each page's expected title.

Usage: python3 scripts/pages/make.py  (deterministic; the output is committed)
"""

import html
import json
import re
from pathlib import Path

from bodies import BODIES

OUT = Path(__file__).resolve().parents[2] / "tests/fixtures/pages"


def inline_html(s):
    s = html.escape(s, quote=False)
    s = re.sub(r"\[([^\]]+)\]\(([^)]+)\)", r'<a href="\2">\1</a>', s)
    s = re.sub(r"\*\*([^*]+)\*\*", r"<strong>\1</strong>", s)
    s = re.sub(r"\*([^*]+)\*", r"<em>\1</em>", s)
    s = re.sub(r"`([^`]+)`", r"<code>\1</code>", s)
    return s


def inline_text(s):
    s = re.sub(r"\[([^\]]+)\]\(([^)]+)\)", r"\1", s)
    return s.replace("**", "").replace("*", "").replace("`", "")


def blocks(text):
    """The body as (kind, data) blocks."""
    out = []
    parts = re.split(r"\n\s*\n", text.strip("\n"))
    for part in parts:
        lines = part.split("\n")
        if part.startswith("```"):
            out.append(("code", "\n".join(lines[1:-1])))
        elif part.startswith("## "):
            out.append(("h2", part[3:]))
        elif part.startswith("- "):
            out.append(("ul", [l[2:] for l in lines]))
        elif re.match(r"\d+\. ", part):
            out.append(("ol", [re.sub(r"^\d+\. ", "", l) for l in lines]))
        elif part.startswith("> "):
            out.append(("quote", part[2:]))
        elif part.startswith("|"):
            out.append(("table", [[c.strip() for c in l.strip("|").split("|")] for l in lines]))
        elif part.startswith("!fig "):
            alt, caption = part[5:].split(" | ")
            out.append(("fig", (alt, caption)))
        else:
            out.append(("p", " ".join(lines)))
    return out


def expected(body):
    out = []
    for kind, data in blocks(body["text"]):
        if kind in ("p", "h2", "quote"):
            out.append(inline_text(data))
        elif kind in ("ul", "ol"):
            out.append("\n".join(inline_text(i) for i in data))
        elif kind == "table":
            out.append("\n".join(" ".join(r) for r in data))
        elif kind == "code":
            out.append(data)
        elif kind == "fig":
            out.append(data[1])
    return "\n\n".join(out) + "\n"


def body_html(body, p='<p>{}</p>', h2='<h2>{}</h2>', fig_cls="", quote_tag="blockquote", between=""):
    out = []
    for kind, data in blocks(body["text"]):
        if kind == "p":
            out.append(p.format(inline_html(data)))
        elif kind == "h2":
            out.append(h2.format(html.escape(data)))
        elif kind == "ul":
            out.append("<ul>" + "".join(f"<li>{inline_html(i)}</li>" for i in data) + "</ul>")
        elif kind == "ol":
            out.append("<ol>" + "".join(f"<li>{inline_html(i)}</li>" for i in data) + "</ol>")
        elif kind == "quote":
            out.append(f"<{quote_tag}><p>{inline_html(data)}</p></{quote_tag}>")
        elif kind == "code":
            out.append(f'<pre><code class="language-rust">{html.escape(data)}</code></pre>')
        elif kind == "table":
            head, *rows = data
            out.append(
                "<table><thead><tr>" + "".join(f"<th>{html.escape(c)}</th>" for c in head) + "</tr></thead><tbody>"
                + "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in rows)
                + "</tbody></table>")
        elif kind == "fig":
            alt, cap = data
            out.append(f'<figure class="{fig_cls}"><img src="/media/{body["slug"]}.jpg" alt="{html.escape(alt)}" '
                       f'width="1200" height="800" loading="lazy"><figcaption>{html.escape(cap)}</figcaption></figure>')
        out.append(between)
    return "\n".join(out)


def nav(items, cls="nav"):
    return f'<nav class="{cls}"><ul>' + "".join(f'<li><a href="/{i.lower()}/">{i}</a></li>' for i in items) + "</ul></nav>"


SECTIONS = ["News", "Local", "Politics", "Business", "Sport", "Culture", "Opinion", "Weather", "Obituaries"]
OTHER_HEADLINES = [
    "Ferry timetable changes for the winter season",
    "Man fined after dog attacks sheep near Dunmere",
    "New pedestrian crossing approved outside primary school",
    "Rugby club celebrates centenary with open day",
    "Petrol prices fall for third week running",
    "Planning row over holiday lets goes to appeal",
    "Five things to do this weekend",
    "Police appeal for witnesses after quay break-in",
]


def links_list(n, start=0, cls="related"):
    items = [OTHER_HEADLINES[(start + i) % len(OTHER_HEADLINES)] for i in range(n)]
    return f'<ul class="{cls}">' + "".join(f'<li><a href="/story/{i}">{t}</a></li>' for i, t in enumerate(items)) + "</ul>"


COMMENTS = [
    ("RiverMouth77", "This is the same thing that happened ten years ago and nobody learned anything from it."),
    ("Jenny K", "Thanks for covering this properly. The national papers ignored it completely."),
    ("anon_reader", "I disagree with most of the people quoted here but it is a fair piece of reporting."),
]


def comments(cls="comments"):
    out = [f'<section class="{cls}" id="comments"><h3>3 comments</h3><ol class="comment-list">']
    for who, what in COMMENTS:
        out.append(f'<li class="comment"><div class="comment-author">{who}</div>'
                   f'<div class="comment-body"><p>{what}</p></div><a class="reply" href="#">Reply</a></li>')
    out.append('</ol><form class="comment-form"><textarea placeholder="Join the discussion"></textarea>'
               '<button>Post comment</button></form></section>')
    return "".join(out)


COOKIE = ('<div id="cookie-consent" class="cookie-banner" role="dialog"><p>We use cookies to improve your '
          'experience, personalise content and ads, and analyse our traffic. By clicking accept you agree to '
          'our use of cookies.</p><button>Accept all</button><button>Manage preferences</button></div>')
SHARE = ('<div class="share-buttons"><span>Share this article</span><a href="#">Facebook</a>'
         '<a href="#">Twitter</a><a href="#">Email</a><a href="#">Copy link</a></div>')
SCRIPT = ('<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}'
          'gtag("config","UA-000");document.write("<p>tracking pixel text</p>");</script>')
STYLE = "<style>body{font-family:Georgia,serif}.ad{min-height:250px}.cookie-banner{position:fixed}</style>"
NEWSLETTER = ('<div class="newsletter-signup"><h3>Get the morning briefing</h3><p>The day\'s top stories '
              'in your inbox every weekday at seven.</p><input type="email" placeholder="Your email">'
              '<button>Sign up</button></div>')


def jsonld(body, site, kind="NewsArticle"):
    data = {"@context": "https://schema.org", "@type": kind, "headline": body["title"],
            "datePublished": body["date"] + "T07:30:00Z", "author": {"@type": "Person", "name": body["author"]},
            "publisher": {"@type": "Organization", "name": site}, "keywords": body["tags"]}
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def head(body, title, site, og=True, extra=""):
    metas = [f'<meta charset="utf-8">', f"<title>{html.escape(title)}</title>",
             '<meta name="viewport" content="width=device-width, initial-scale=1">']
    if og:
        metas += [f'<meta property="og:title" content="{html.escape(body["title"])}">',
                  f'<meta property="og:site_name" content="{html.escape(site)}">',
                  f'<meta property="og:url" content="https://{site.lower().replace(" ", "")}.example/{body["slug"]}">',
                  f'<meta property="article:published_time" content="{body["date"]}T07:30:00Z">',
                  f'<meta name="author" content="{html.escape(body["author"])}">']
    metas.append('<link rel="stylesheet" href="https://cdn.example/site.css">')
    return "<head>" + "".join(metas) + STYLE + extra + "</head>"


def t_news_classic(b):
    site = "The Kessock Courier"
    return f"""<!DOCTYPE html><html lang="en">{head(b, b['title'] + ' | ' + site, site, extra=jsonld(b, site))}
<body class="article-page">{COOKIE}
<header class="site-header"><div class="logo"><a href="/">{site}</a></div>{nav(SECTIONS)}
<div class="ticker"><strong>Breaking:</strong> <a href="/story/9">Coastal road closed after rockfall</a></div></header>
<div class="ad ad-leaderboard"><iframe src="https://ads.example/slot/728x90"></iframe><span>Advertisement</span></div>
<main><article class="story">
<div class="breadcrumb"><a href="/">Home</a> / <a href="/local/">{b['section']}</a></div>
<h1 class="headline">{html.escape(b['title'])}</h1>
<div class="byline">By <a rel="author" href="/authors/x">{b['author']}</a> · <time datetime="{b['date']}">{b['date']}</time></div>
{SHARE}
<div class="story-body">{body_html(b)}
</div>
<div class="tags">Topics: {' '.join(f'<a href="/tag/{t}">{t}</a>' for t in b['tags'])}</div>
{SHARE}
</article>
<aside class="related-stories"><h2>More from {b['section']}</h2>{links_list(5, 1)}</aside>
{comments()}</main>
<aside class="sidebar"><div class="ad ad-mpu"><iframe src="https://ads.example/slot/300x250"></iframe></div>
<h3>Most read</h3>{links_list(6, 3, "most-read")}{NEWSLETTER}</aside>
<footer class="site-footer">{nav(["About us", "Contact", "Advertise", "Privacy", "Terms", "Careers"], "footer-nav")}
<p>© 2025 {site}. All rights reserved. Registered in Scotland.</p></footer>{SCRIPT}</body></html>"""


def t_wordpress(b):
    site = "Notes from the Quay"
    return f"""<!DOCTYPE html><html lang="en-GB">{head(b, b['title'] + ' – ' + site, site)}
<body class="post-template-default single single-post">
<div id="page" class="site"><a class="skip-link screen-reader-text" href="#content">Skip to content</a>
<header id="masthead" class="site-header"><p class="site-title"><a href="/">{site}</a></p>
<p class="site-description">A blog about small places and the people in them</p>{nav(["Home", "About", "Archive", "Contact"], "main-navigation")}</header>
<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">
<article id="post-1182" class="post type-post status-publish format-standard hentry">
<header class="entry-header"><h1 class="entry-title">{html.escape(b['title'])}</h1>
<div class="entry-meta"><span class="posted-on">Posted on <time class="entry-date published" datetime="{b['date']}">{b['date']}</time></span>
<span class="byline"> by <span class="author vcard"><a class="url fn n" href="/author/x/">{b['author']}</a></span></span></div></header>
<div class="entry-content">{body_html(b)}
<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Share this:</h3><ul><li><a href="#">Twitter</a></li><li><a href="#">Facebook</a></li></ul></div>
<div id="jp-relatedposts" class="jp-relatedposts"><h3 class="jp-relatedposts-headline"><em>Related</em></h3>{links_list(3, 2)}</div>
</div>
<footer class="entry-footer"><span class="cat-links">Posted in <a href="/category/x/">{b['section']}</a></span></footer>
</article>
<nav class="navigation post-navigation"><div class="nav-previous"><a href="/prev/">Previous post: {OTHER_HEADLINES[4]}</a></div>
<div class="nav-next"><a href="/next/">Next post: {OTHER_HEADLINES[5]}</a></div></nav>
{comments("comments-area")}
</main></div>
<aside id="secondary" class="widget-area"><section class="widget widget_search"><form><input type="search" placeholder="Search …"></form></section>
<section class="widget widget_recent_entries"><h2 class="widget-title">Recent Posts</h2>{links_list(5, 0)}</section>
<section class="widget widget_archive"><h2 class="widget-title">Archives</h2><ul><li><a href="#">March 2025</a></li><li><a href="#">February 2025</a></li><li><a href="#">January 2025</a></li></ul></section></aside>
</div><footer id="colophon" class="site-footer"><div class="site-info"><a href="https://wordpress.example/">Proudly powered by WordPress</a></div></footer></div>
{SCRIPT}</body></html>"""


def t_div_soup(b):
    site = "Longread"
    paras = body_html(b, p='<p class="pw-post-body-paragraph kx ky lz">{}</p>', h2='<h2 class="pw-post-heading ms mt">{}</h2>')
    return f"""<!doctype html><html>{head(b, b['title'] + ' | by ' + b['author'] + ' | ' + site, site)}
<body><div id="root"><div class="a b c"><div class="d e f g">
<div class="h i j"><a href="/">{site}</a><div class="k l"><a href="/signin">Sign in</a><a href="/get-started">Get started</a></div></div>
<div class="m n o"><div class="p q"><article><div class="r s"><section><div class="t u v"><div class="w x">
<h1 class="pw-post-title ab ac">{html.escape(b['title'])}</h1>
<div class="speechify-ignore ae af"><div class="ag"><a href="/@x">{b['author']}</a> <span>Follow</span></div>
<div class="ah"><span>6 min read</span> · <span>{b['date']}</span></div>
<div class="ai"><button aria-label="clap">1.2K</button><button aria-label="responses">24</button><button>Listen</button><button>Share</button></div></div>
{paras}
</div></div></section></div></article>
<div class="bt bu"><button aria-label="clap">1.2K</button><span>24 responses</span></div>
<div class="more-from"><h2>More from {b['author']}</h2>{links_list(4, 2)}</div>
<div class="recommended"><h2>Recommended from {site}</h2>{links_list(4, 5)}</div>
<div class="sign-up-modal" role="dialog"><h2>Sign up to discover human stories that deepen your understanding of the world.</h2><button>Sign up for free</button></div>
</div></div></div></div></div>{SCRIPT}</body></html>"""


def t_substack(b):
    site = "The Slow Dispatch"
    subscribe = ('<div class="subscription-widget-wrap"><div class="subscription-widget"><p>Thanks for reading '
                 f'{site}! Subscribe for free to receive new posts and support my work.</p>'
                 '<form><input type="email" placeholder="Type your email…"><button>Subscribe</button></form></div></div>')
    parts = body_html(b, between="").split("\n")
    mid = len(parts) // 2
    content = "\n".join(parts[:mid] + [subscribe] + parts[mid:])
    return f"""<!DOCTYPE html><html lang="en">{head(b, b['title'] + ' - by ' + b['author'], site)}
<body><div id="entry"><div class="main-menu"><a href="/">{site}</a><a href="/archive">Archive</a><a href="/about">About</a><button>Subscribe</button><button>Sign in</button></div>
<div class="single-post-container"><article class="typography newsletter-post post">
<div class="post-header"><h1 class="post-title">{html.escape(b['title'])}</h1>
<h3 class="subtitle">A dispatch from the edge of the map</h3>
<div class="post-meta"><a href="/profile">{b['author']}</a><span>{b['date']}</span></div>
<div class="post-ufi"><button>Like</button><button>Comment</button><button>Restack</button><button>Share</button></div></div>
<div class="available-content"><div class="body markup" dir="auto">{content}</div></div>
{subscribe}
<div class="post-footer"><button>12 Likes</button><button>3 Restacks</button><button>Share</button></div></article>
<div class="comments-section"><h4>Discussion about this post</h4>{comments("comment-list")}</div>
<div class="post-end-recommendations"><h3>Ready for more?</h3><button>Subscribe</button></div></div></div>
<footer><p>© 2025 {b['author']}</p><a href="/privacy">Privacy</a> ∙ <a href="/terms">Terms</a> ∙ <a href="/notice">Collection notice</a></footer>{SCRIPT}</body></html>"""


def t_guardian(b):
    site = "The Northern Ledger"
    related = ('<aside class="element element-rich-link"><p><span>Related: </span>'
               f'<a href="/story/3">{OTHER_HEADLINES[3]}</a></p></aside>')
    parts = body_html(b, p='<p class="dcr-s23rjr">{}</p>').split("\n")
    content = "\n".join(parts[:4] + [related] + parts[4:])
    return f"""<!DOCTYPE html><html lang="en">{head(b, b['title'] + ' | ' + b['section'] + ' | ' + site, site, extra=jsonld(b, site))}
<body><div id="bannerandheader"><a class="skip" href="#maincontent">Skip to main content</a>
<header><div class="support-banner">Support the Ledger: <a href="/contribute">Fund independent journalism with £5 per month</a></div>
<div class="logo"><a href="/">{site}</a></div>{nav(["News", "Opinion", "Sport", "Culture", "Lifestyle"], "pillars")}</header></div>
<main id="maincontent"><article><div class="dcr-article">
<div class="dcr-section"><a href="/{b['section'].lower()}">{b['section']}</a></div>
<div data-gu-name="headline"><h1 class="dcr-headline">{html.escape(b['title'])}</h1></div>
<div data-gu-name="standfirst"><p>A short summary of the story that sits under the headline</p></div>
<div data-gu-name="meta"><address><a rel="author" href="/profile/x">{b['author']}</a></address><details><summary>{b['date']}</summary><span>Last modified on {b['date']}</span></details></div>
<div id="maincontent" class="article-body-commercial-selector article-body-viewer-selector">{content}</div>
<div class="submeta"><span>Explore more on these topics</span><ul>{''.join(f'<li><a href="/t/{t}">{t}</a></li>' for t in b['tags'])}</ul>{SHARE}</div>
<div class="contributions-epic"><h2>Before you move on…</h2><p>Millions of people turn to the Ledger for reporting they can trust. Will you join them?</p><a href="/contribute">Support us</a></div>
</div></article>
<aside class="most-viewed"><h2>Most viewed</h2><ol>{''.join(f'<li><a href="/mv/{i}">{t}</a></li>' for i, t in enumerate(OTHER_HEADLINES[:6]))}</ol></aside>
<section class="onwards"><h2>More on this story</h2>{links_list(4, 1)}</section>
<section class="comments-teaser"><h2>Comments (184)</h2><p>Sign in or create your account to join the discussion.</p></section></main>
<footer>{nav(["About us", "Help", "Complaints", "Work for us", "Privacy policy", "Cookie policy"], "footer")}<p>© 2025 {site} News &amp; Media Limited or its affiliated companies. All rights reserved.</p></footer>{SCRIPT}</body></html>"""


def t_ghost(b):
    site = "Tidewater"
    return f"""<!DOCTYPE html><html lang="en">{head(b, b['title'], site)}
<body class="post-template"><div class="viewport"><header id="gh-head" class="gh-head"><div class="gh-head-inner">
<a class="gh-head-logo" href="/">{site}</a>{nav(["Home", "About", "Tags", "Membership"], "gh-head-menu")}
<div class="gh-head-actions"><a href="#/portal/signin">Sign in</a><a class="gh-head-button" href="#/portal/signup">Subscribe</a></div></div></header>
<main id="site-main" class="site-main"><article class="article post">
<header class="article-header gh-canvas"><section class="article-tag"><a href="/tag/x/">{b['section']}</a></section>
<h1 class="article-title">{html.escape(b['title'])}</h1>
<div class="article-byline"><div class="article-byline-meta"><h4 class="author-name"><a href="/author/x/">{b['author']}</a></h4>
<div class="byline-meta-content"><time class="byline-meta-date" datetime="{b['date']}">{b['date']}</time><span class="byline-reading-time">5 min read</span></div></div></div></header>
<section class="gh-content gh-canvas">{body_html(b, fig_cls="kg-card kg-image-card kg-card-hascaption")}</section>
<section class="article-comments gh-canvas">{comments()}</section></article></main>
<aside class="read-more-wrap"><div class="read-more inner"><h2>Read more</h2>{links_list(3, 6)}</div></aside>
<footer class="site-footer outer"><div class="inner"><section class="copyright"><a href="/">{site}</a> © 2025</section>
<a href="https://ghost.example/" target="_blank">Powered by Ghost</a></div></footer>
<div class="gh-portal-cta"><p>Enjoyed this? Become a member to get every post by email.</p><button>Subscribe</button></div></div>{SCRIPT}</body></html>"""


def t_static(b):
    site = "hana.example"
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(b['title'])} · {site}</title>
<meta name="description" content="Notes on programming and other things">
<meta name="author" content="{html.escape(b['author'])}"><meta name="date" content="{b['date']}">
<link rel="alternate" type="application/rss+xml" href="/index.xml"></head>
<body><header><nav><a href="/">{site}</a> <a href="/posts/">Posts</a> <a href="/tags/">Tags</a> <a href="/about/">About</a></nav></header>
<main><article><h1>{html.escape(b['title'])}</h1><p class="post-meta"><time>{b['date']}</time> · {b['author']}</p>
{body_html(b)}
</article><hr><p class="tags">Tagged: {', '.join(f'<a href="/tags/{t}/">{t}</a>' for t in b['tags'])}</p>
<nav class="pagination"><a href="/posts/older/">← Older</a> <a href="/posts/newer/">Newer →</a></nav></main>
<footer><p>© 2025 {b['author']} · <a href="/index.xml">RSS</a> · Built with Hugo</p></footer></body></html>"""


def t_docs(b):
    site = "Field Manual"
    toc = "".join(f'<li><a href="#s{i}">{html.escape(d)}</a></li>' for i, (k, d) in enumerate(blocks(b["text"])) if k == "h2")
    sidebar = "".join(f'<li><a href="/guide/{i}">Chapter {i}: {t}</a></li>' for i, t in enumerate(["Getting started", "Installation", "Configuration", "Field safety", "Data entry", "Troubleshooting", "Glossary"]))
    return f"""<!DOCTYPE html><html lang="en">{head(b, b['title'] + ' - ' + site, site, og=False)}
<body><div class="md-header"><a href="/">{site}</a><form class="md-search"><input placeholder="Search"></form><a href="https://git.example/manual">Source</a></div>
<div class="md-container"><nav class="md-nav md-nav--primary"><ul>{sidebar}</ul></nav>
<main class="md-main"><div class="md-content" data-md-component="content"><nav class="md-path"><a href="/">Home</a> › <a href="/guide/">Guide</a></nav>
<article class="md-content__inner md-typeset"><a class="md-content__button" href="/edit/page.md" title="Edit this page">Edit this page</a>
<h1>{html.escape(b['title'])}</h1>
{body_html(b)}
<aside class="md-source-file"><span>Last update: {b['date']}</span><span>Created by {b['author']}</span></aside></article></div>
<nav class="md-footer__inner"><a class="md-footer__link--prev" href="/prev">Previous: Data entry</a><a class="md-footer__link--next" href="/next">Next: Troubleshooting</a></nav></main>
<nav class="md-nav md-nav--secondary"><label>On this page</label><ul>{toc}</ul></nav></div>
<footer class="md-footer"><p>Copyright © 2025 The Field Manual authors</p><p>Made with a static site generator</p></footer>{SCRIPT}</body></html>"""


def t_magazine(b):
    site = "Meridian Monthly"
    first_p = next(d for k, d in blocks(b["text"]) if k == "p")
    pull = inline_text(first_p).split(". ")[0]
    pullquote = f'<aside class="pullquote" aria-hidden="true"><p>“{html.escape(pull)}”</p></aside>'
    parts = body_html(b, p='<p class="body-text">{}</p>', fig_cls="inline-figure").split("\n")
    content = "\n".join(parts[:6] + [pullquote] + parts[6:])
    return f"""<!DOCTYPE html><html lang="en">{head(b, site + ': ' + b['title'], site, extra=jsonld(b, site, 'Article'))}
<body class="longform">{COOKIE}<header class="masthead"><a href="/">{site}</a>{nav(["Features", "Reviews", "Travel", "Archive", "Subscribe"])}</header>
<div class="paywall-banner"><p>You have 2 free articles left this month. <a href="/subscribe">Subscribe for £1 a week</a></p></div>
<main><article class="feature"><header class="feature-header"><p class="kicker">{b['section']}</p>
<h1 class="feature-title">{html.escape(b['title'])}</h1><p class="dek">Words and pictures from a season away from the desk</p>
<p class="credits">By <span class="author">{b['author']}</span> | Photographs by the author | <time>{b['date']}</time></p>
<figure class="hero"><img src="/media/hero.jpg" alt=""><figcaption>Illustration by the {site} art desk</figcaption></figure></header>
<div class="feature-body drop-cap">{content}</div>
<footer class="feature-footer"><p class="bio"><em>{b['author']} is a contributing writer at {site}.</em></p>
<p class="print-note">A version of this article appears in the print edition with the headline “Out There”.</p></footer></article>
<section class="you-might-like"><h2>You might also like</h2>{links_list(4, 3)}</section></main>
<div class="subscribe-modal"><h2>Subscribe to keep reading</h2><p>Get unlimited access to award-winning writing.</p><button>Subscribe now</button></div>
<footer>{nav(["Contact", "Submissions", "Advertise", "Privacy"], "footer-nav")}<p>© {site} 2025</p></footer>{SCRIPT}</body></html>"""


def t_ads_heavy(b):
    site = "Valley Gazette"
    ad = lambda n: f'<div class="ad-slot" id="div-gpt-ad-{n}"><p class="ad-label">Advertisement</p><iframe src="https://ads.example/{n}" width="300" height="250"></iframe></div>'
    parts = body_html(b).split("\n")
    content = []
    for i, part in enumerate(parts):
        content.append(part)
        if i in (3, 9):
            content.append(ad(i))
    grid = "".join(f'<div class="tbl-item"><a href="https://sponsor.example/{i}"><img src="/s{i}.jpg" alt=""><span class="tbl-title">{t}</span><span class="tbl-brand">Sponsored</span></a></div>'
                   for i, t in enumerate(["Doctors stunned by this simple kitchen trick", "The 10 most beautiful villages you have never heard of", "Homeowners are replacing their windows with this", "You will not believe what this child star looks like now"]))
    return f"""<!DOCTYPE html><html lang="en">{head(b, b['title'] + ' - ' + site, site)}
<body>{COOKIE}<div class="top-bar"><span>Friday</span><a href="/subscribe">Subscribe</a><a href="/epaper">E-paper</a><a href="/login">Log in</a></div>
<header>{nav(SECTIONS)}</header>{ad("top")}
<div class="trending"><h4>Trending now</h4>{links_list(4, 2, "trending-list")}</div>
<div class="container"><div class="col-main"><div class="article-header"><h1 itemprop="headline">{html.escape(b['title'])}</h1>
<div class="meta"><span class="author">{b['author']}</span> <span class="date">{b['date']}</span></div>{SHARE}</div>
<div class="article-text" itemprop="articleBody">{''.join(content)}</div>
<div class="tbl-feed"><h3>You May Like</h3>{grid}</div>
{comments()}</div>
<div class="col-side">{ad("side1")}<h3>Latest news</h3>{links_list(6, 1, "latest")}{ad("side2")}{NEWSLETTER}</div></div>
<footer><p>Valley Gazette is part of the Hill Media Group. © 2025.</p>{nav(["Contact", "Advertise", "Cookie settings", "Privacy notice"], "legal")}</footer>{SCRIPT}</body></html>"""


def t_government(b):
    site = "Department of Coastal Affairs"
    return f"""<!DOCTYPE html><html lang="en">{head(b, b['title'] + ' | ' + site, site, og=False)}
<body><div class="usa-banner"><p>An official website of the Republic of Example</p></div>
<header class="usa-header"><div class="usa-logo"><a href="/">{site}</a></div>{nav(["About", "News", "Programs", "Grants", "Contact"], "usa-nav")}</header>
<div class="breadcrumbs"><a href="/">Home</a> › <a href="/news">News</a> › <span>Press release</span></div>
<div class="layout"><main id="main-content"><div class="node node--type-press-release">
<div class="field field--name-field-pr-date">For immediate release: {b['date']}</div>
<h1 class="page-title"><span class="field field--name-title">{html.escape(b['title'])}</span></h1>
<div class="field field--name-body field--type-text-with-summary"><div class="field-item">{body_html(b)}</div></div>
<div class="field field--name-field-pr-topic"><h2>Topic(s)</h2><ul>{''.join(f'<li>{t}</li>' for t in b['tags'])}</ul></div>
<div class="field field--name-field-pr-component"><h2>Component(s)</h2><p>Office of Public Affairs</p></div>
<div class="field field--name-field-pr-number"><h2>Press release number</h2><p>25-0417</p></div></div></main>
<aside class="sidebar"><div class="contact"><h2>Contact</h2><p>Office of Public Affairs</p><p>Phone: 000-555-0100</p></div>
<div class="block-related"><h2>Related content</h2>{links_list(3, 0)}</div></aside></div>
<footer class="usa-footer">{nav(["Accessibility", "FOIA", "Privacy policy", "Inspector general", "No FEAR Act"], "usa-footer__nav")}<p>Updated {b['date']}</p></footer></body></html>"""


def t_oldschool(b):
    site = "Ardmoor Community Pages"
    paras = []
    for kind, data in blocks(b["text"]):
        if kind == "p":
            paras.append(inline_html(data) + "<br><br>")
        elif kind == "h2":
            paras.append(f"<b><font size=\"+1\">{html.escape(data)}</font></b><br><br>")
        elif kind in ("ul", "ol"):
            paras.append("".join(f"&bull; {inline_html(i)}<br>" for i in data) + "<br>")
        elif kind == "quote":
            paras.append(f"<i>{inline_html(data)}</i><br><br>")
        elif kind == "table":
            paras.append('<table border="1">' + "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in data) + "</table><br>")
        elif kind == "code":
            paras.append(f"<pre>{html.escape(data)}</pre>")
        elif kind == "fig":
            paras.append(f'<img src="/pics/{b["slug"]}.gif" alt="{html.escape(data[0])}"><br><small>{html.escape(data[1])}</small><br><br>')
    return f"""<html><head><title>{html.escape(b['title'])}</title>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>
<body bgcolor="#ffffff"><table width="100%" border="0" cellpadding="4"><tr>
<td width="160" valign="top" bgcolor="#e0e8f0"><b>Menu</b><br><a href="/">Home</a><br><a href="/news.html">News</a><br><a href="/events.html">Events</a><br>
<a href="/clubs.html">Clubs</a><br><a href="/links.html">Links</a><br><a href="/guestbook.html">Guestbook</a><br><br>
<font size="-1">You are visitor number 48213</font></td>
<td valign="top"><font face="Verdana, Arial" size="2"><h2>{html.escape(b['title'])}</h2>
<i>Posted by {b['author']} on {b['date']}</i><br><br>
{''.join(paras)}
<hr><a href="/news.html">&laquo; Back to news</a> | <a href="#top">Top of page</a></font></td></tr></table>
<center><font size="-2">Page last updated {b['date']} · Webmaster: <a href="mailto:web@example.org">web@example.org</a></font></center></body></html>"""


TEMPLATES = [t_news_classic, t_wordpress, t_div_soup, t_substack, t_guardian, t_ghost, t_static, t_docs,
             t_magazine, t_ads_heavy, t_government, t_oldschool]


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    rows = ["file\ttitle\ttemplate"]
    for i, template in enumerate(TEMPLATES):
        for body in (BODIES[i % len(BODIES)], BODIES[(i + 5) % len(BODIES)]):
            name = f"{template.__name__[2:].replace('_', '-')}--{body['slug']}"
            (OUT / f"{name}.html").write_text(template(body))
            (OUT / f"{name}.txt").write_text(expected(body))
            rows.append(f"{name}.html\t{body['title']}\t{template.__name__[2:]}")
    (OUT / "pages.tsv").write_text("\n".join(rows) + "\n")
    print(f"{len(rows) - 1} pages written to {OUT}")


if __name__ == "__main__":
    main()
