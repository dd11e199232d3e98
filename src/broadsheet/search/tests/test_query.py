"""Parsing what readers type: words, phrases, left-out words, and clear refusals."""

import pytest

from broadsheet.search.query import MAX_QUERY_CHARS, QueryError, parse_query


def test_words_are_lowercased_and_deduplicated():
    query = parse_query("Harbour BRIDGE harbour")
    assert query.words == ("harbour", "bridge")


def test_quotes_make_a_phrase_and_a_leading_minus_leaves_a_word_out():
    query = parse_query('"new school" council -budget')
    assert query.phrases == (("new", "school"),)
    assert query.words == ("council",)
    assert query.excluded == ("budget",)


def test_a_hyphen_inside_a_word_does_not_exclude_anything():
    query = parse_query("well-known")
    assert query.words == ("well", "known")
    assert query.excluded == ()


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_an_empty_search_asks_for_words(text):
    with pytest.raises(QueryError, match="Type a word"):
        parse_query(text)


def test_a_very_long_search_is_refused_with_its_length():
    with pytest.raises(QueryError, match=f"201 characters.*under {MAX_QUERY_CHARS}"):
        parse_query("a" * 201)


@pytest.mark.parametrize("text", ["!!!", '"', "*", "()", "-", ":", "—…«»", '""'])
def test_only_punctuation_is_refused(text):
    with pytest.raises(QueryError, match="letters or numbers"):
        parse_query(text)


def test_only_left_out_words_is_refused():
    with pytest.raises(QueryError, match="not only words to leave out"):
        parse_query("-harbour -bridge")


@pytest.mark.parametrize(
    "text",
    ['harbour"', "harbour*", "NEAR(harbour bridge)", "harbour AND bridge", "headline:harbour", "(harbour", "^harbour"],
)
def test_search_syntax_characters_are_separators(text):
    query = parse_query(text)
    assert set("".join(word for words in query.required for word in words)) <= set("abcdefghijklmnopqrstuvwxyz")
