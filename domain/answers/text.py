"""Text to search terms, shared by every source of the answer engine.

A text is normalised (NFKC, lower case), colloquial wording is mapped to the knowledge base's terms
with the synonym list (``domain/data/faq/synonyms.yaml``), Chinese runs are cut by jieba (started on
first use, with the domain's own words) and also indexed as character bigrams, so a mistyped
character costs one bigram, not the whole word; English words are lightly stemmed.
"""

from __future__ import annotations

import functools
import logging
import re
import threading
import unicodedata
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parents[1] / "data" / "faq"
CJK = re.compile(r"[\u4e00-\u9fff]")
WORD = re.compile(r"[a-z0-9]+|[\u4e00-\u9fff]+")
EN_STOP = frozenset(
    "a an the i my me we our you your is are was were be been do does did to of in on at for with and or "
    "can could should would will how what when where which who why it its this that there here please "
    "have has had get got if not no any some from by as about into than then so just up out whether today tomorrow "
    "us they them he she his her am need needs want tell know much many".split()
)
ZH_STOP = frozenset(
    "的 了 吗 呢 啊 吧 呀 么 嘛 我 我们 你 你们 他 她 是 在 有 和 与 及 要 会 能 可以 怎么 怎样 怎么样 怎么办 咋 咋办 咋弄 如何 "
    "什么 哪里 哪儿 哪个 一下 请问 请 这个 那个 这 那 还 就 都 也 把 被 给 让 个 吗 行 行不行 能不能 可不可以 为什么 "
    "是不是 一个 一些 有没有 没有 多少 几 哪 现在 今天 已经 你好 您好 谢谢 麻烦 问 想 问下 问一下 知道 我想 咱们 俺 "
    "人 的人 人能 弄 怎么弄 怎么搞 咋搞 要怎么 出来 一下子 那种 这种 "
    # colloquial fillers that no manual uses (they would count as unknown words)
    "啥 为啥 干啥 呗 咋整 怎么整 咋回事 怎么回事 回事 玩意儿 俺们 咱 嘞 哈 哦 噢 喔 嗯 哎 诶 啦 咯".split()
)


@functools.lru_cache(maxsize=None)
def pattern(rx: str, flags: int = 0) -> re.Pattern:
    """A regular expression built from data words, compiled once: ``re``'s own cache keeps 512 patterns, fewer
    than one question's readers build from the word lists, so they would be compiled again on every question."""
    return re.compile(rx, flags)


def strip_words(text: str, words) -> str:
    """``text`` with each of ``words`` (normalised) replaced by a space, the longest first (so "half-year" goes
    before "year")."""
    for w in sorted((normalize(str(x)) for x in words), key=len, reverse=True):
        if w:
            text = text.replace(w, " ")
    return text


def normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").lower().strip()


_TYPOS: list[tuple[str, str]] | None = None


def fix_typos(text: str) -> str:
    """Common mistyped words of this field (homophones of the IME: 公会 → 工会, 保彰 → 保障), from
    ``domain/data/faq/typos.yaml``; applied to questions before they are read."""
    global _TYPOS
    if _TYPOS is None:
        raw = yaml.safe_load((DATA / "typos.yaml").read_text(encoding="utf-8")) or {}
        _TYPOS = sorted(((normalize(k), normalize(v)) for k, v in raw.items()), key=lambda kv: len(kv[0]), reverse=True)
    out = normalize(text)
    for wrong, right in _TYPOS:
        if wrong in out:
            out = out.replace(wrong, right)
    return out


class _Jieba:
    """jieba, initialised once, quietly and only when a Chinese text is first cut."""

    tokenizer = None
    lock = threading.Lock()

    @classmethod
    def get(cls):
        if cls.tokenizer is not None:
            return cls.tokenizer
        with cls.lock:  # the bot's warm-up thread and a first question may ask at once
            if cls.tokenizer is not None:
                return cls.tokenizer
            import jieba

            jieba.setLogLevel(logging.WARNING)
            tok = jieba.Tokenizer()
            tok.initialize()
            words = yaml.safe_load((DATA / "userdict.yaml").read_text(encoding="utf-8")) or []
            for word in words:
                tok.add_word(str(word), freq=200000)
            cls.tokenizer = tok
        return cls.tokenizer


def warm_jieba() -> None:
    """Start jieba now (about 0.6 s) instead of at the first Chinese question."""
    _Jieba.get()


_LATIN_END = re.compile(r"[a-z0-9]")


class Synonyms:
    def __init__(self, groups: list[list[str]]):
        self.canon: dict[str, str] = {}
        for group in groups:
            head = normalize(group[0])
            for phrase in group:
                self.canon[normalize(phrase)] = head
        # longest phrases first so "密码忘了" wins over "密码"
        self.phrases = sorted(self.canon, key=len, reverse=True)
        # a Latin phrase only as whole words (and their plural): "fee" is not in "feedback", "older" not in
        # "holder", "support" not in "supporting", "aged" not in "managed"
        self.whole = {p: re.compile(r"(?<![a-z0-9])" + re.escape(p) + r"(?:e?s)?(?![a-z0-9])")
                      for p in self.phrases if _LATIN_END.match(p[0]) and _LATIN_END.match(p[-1])}

    def rewrite(self, text: str) -> str:
        """Replace every colloquial phrase by its canonical term (applied to queries and documents)."""
        out = text
        for phrase in self.phrases:
            if phrase in out and phrase != self.canon[phrase]:
                whole = self.whole.get(phrase)
                if whole is not None:
                    out = whole.sub(f" {self.canon[phrase]} ", out)
                else:
                    out = out.replace(phrase, f" {self.canon[phrase]} ")
        return out


def load_synonyms() -> tuple[dict[str, Synonyms], float]:
    config = yaml.safe_load((DATA / "synonyms.yaml").read_text(encoding="utf-8"))
    return {lang: Synonyms(config.get(lang, [])) for lang in ("zh", "en")}, float(config.get("threshold", 0.35))


def terms(text: str, lang: str, synonyms: Synonyms) -> list[str]:
    """Search terms of a text: words, and ``#``-marked character bigrams of Chinese runs."""
    text = synonyms.rewrite(normalize(text))
    out: list[str] = []
    if lang == "zh" or CJK.search(text):
        tok = _Jieba.get()
        for chunk in WORD.findall(text):
            if not CJK.match(chunk):
                if chunk not in EN_STOP:
                    out.append(stem(chunk))
                elif lang == "zh":
                    out.append(chunk)  # an English word in a Chinese text is rare enough to count
                continue  # an English text quoting a Chinese label keeps dropping its own stop words
            # words without the filler ones; character bigrams inside each run of kept words,
            # so that a mistyped character still matches most of its word
            run = ""
            for word in tok.lcut(chunk):
                if word in ZH_STOP:
                    out += bigrams(run)
                    run = ""
                    continue
                out.append(word)
                run += word
            out += bigrams(run)
    else:
        for word in WORD.findall(text):
            if word in EN_STOP:
                continue
            out.append(stem(word))
    return out


def bigrams(run: str) -> list[str]:
    return ["#" + run[i : i + 2] for i in range(len(run) - 1)]


_DOUBLED = re.compile(r"([bdglmnprt])\1$")


def stem(word: str) -> str:
    """A light English stem, the same for the forms of a word: "deleted" and "delete" → "delet",
    "submitted" → "submit", "applies" → "apply"."""
    if len(word) > 5 and word.endswith(("ies", "ied")):
        return word[:-3] + "y"
    for suffix in ("ing", "ed", "es", "s"):
        if suffix == "s" and word[-2:] in ("us", "ss", "is"):
            continue  # "status", "process", "basis" are not plurals ("statuses" → "status")
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            word = word[: -len(suffix)]
            break
    if len(word) > 4 and word.endswith("e") and not word.endswith("ee"):
        word = word[:-1]  # "delete" as "deleted"
    return _DOUBLED.sub(r"\1", word) if len(word) > 4 else word
