"""search_customers for every query shape a desk types or scans, on a small database of known customers."""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontdesk.domain.program import ProgramStatus
from frontdesk.domain.vouchers import VoucherStatus
from frontdesk.services.search import DEFAULT_LIMIT, search_customers
from frontdesk.storage.database import Database
from frontdesk.storage.search_index import query_words

if TYPE_CHECKING:
    from conftest import DataBuilder

JOHN, JOHANNA, MARY, JOSE, ZOE, LUKASZ, THAO, SIOBHAN, ANNE_MARIE, YARA, ISMAIL, PATRICK, JON, WENDY = range(1, 15)
LARS, ZED, ABE = 15, 16, 17
FILLERS = 120


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory, data_builder: type[DataBuilder]) -> Iterator[Database]:
    path = tmp_path_factory.mktemp("search") / "desk.db"
    db = Database(path)
    b = data_builder(path)
    b.customer("John", "Smith", email="john.smith12@gmail.com", phone="555-012-3456", customer_id=JOHN,
               member_number="M0000001")  # fmt: skip
    b.customer("Johanna", "Smithers", email="jsmithers@yahoo.com", phone="(555) 019-8765", customer_id=JOHANNA)
    b.customer("Mary", "Johnson", email="mary.j@outlook.com", phone="555-020-1111", customer_id=MARY)
    b.customer("José", "García", email="jose.garcia@gmail.com", phone="+34 612 345 678", customer_id=JOSE)
    b.customer("Zoë", "Ng", email="zoe.ng@proton.me", phone="777-123-4567", customer_id=ZOE,
               member_number="M0000005", status=ProgramStatus.PENDING)  # fmt: skip
    b.customer("Łukasz", "Nowak", email="l.nowak@wp.pl", customer_id=LUKASZ)
    b.customer("Thảo", "Nguyễn", email="thao@example.vn", customer_id=THAO, status=ProgramStatus.INACTIVE)
    b.customer("Siobhán", "O'Brien", email="siobhan@eircom.net", customer_id=SIOBHAN)
    b.customer("Anne-Marie", "Dubois", email="am.dubois@orange.fr", customer_id=ANNE_MARIE)
    b.customer("Yara", "Zimmermann", email="yara@fastmail.com", customer_id=YARA, status=None)
    b.customer("İsmail", "Yılmaz", email="iy@example.com.tr", customer_id=ISMAIL)
    b.customer("Patrick", "O’Neil", email="pat@example.ie", customer_id=PATRICK, status=ProgramStatus.IMPORTED)
    b.customer("Jon", "Smithson", email="jon@smithson.example", customer_id=JON)
    b.customer("Wendy", "Adams", email="wendy@example.org", customer_id=WENDY)
    b.customer("Lars", "Andersson", email="lars.anderson13@mail.example", other_emails="l.a@bureau-nord.example",
               customer_id=LARS)  # fmt: skip
    b.customer("Zed", "Vorqa", email="zed@zz.example", customer_id=ZED)
    b.customer("Abe", "Ant", email="ab.tivorqen@ant.example", customer_id=ABE)
    b.voucher(YARA, code="5550123")  # the same digits start John's phone
    b.voucher(WENDY, VoucherStatus.ISSUED, code="90000001", coupon="CPN-7F3A")
    b.voucher(ZOE, code="M0000001")  # a voucher code equal to John's member number
    b.fillers(FILLERS)
    yield db
    db.close()


def ids(db: Database, typed: str, limit: int = 1000) -> list[int]:
    return [c.id for c in search_customers(db, typed, limit=limit).customers]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        # first name, last name, both in either order
        ("john", {JOHN, MARY}),  # Mary Johnson
        ("John", {JOHN, MARY}),
        ("smith", {JOHN, JOHANNA, JON}),
        ("john smith", {JOHN}),
        ("smith john", {JOHN}),
        ("Smith, John", {JOHN}),
        ("  john   smith  ", {JOHN}),
        ("johanna smithers", {JOHANNA}),
        ("mary johnson", {MARY}),
        # partial words
        ("jo", {JOHN, JOHANNA, MARY, JOSE, JON}),
        ("j", {JOHN, JOHANNA, MARY, JOSE, JON}),
        ("smi", {JOHN, JOHANNA, JON}),
        ("jo smi", {JOHN, JOHANNA, JON}),
        ("smi jo", {JOHN, JOHANNA, JON}),
        ("joh smithe", {JOHANNA}),
        # e-mail fragments
        ("@gmail", {JOHN, JOSE}),
        ("gmail.com", {JOHN, JOSE}),
        ("smith12@", {JOHN}),
        ("smith12", {JOHN}),
        ("jose.garcia@gmail.com", {JOSE}),
        ("@outlook", {MARY}),
        ("am.dubois", {ANNE_MARIE}),
        # a fragment from the middle of an address (3 characters or more), in either e-mail column
        ("derson13", {LARS}),
        ("DERSON13", {LARS}),
        ("n13@mail.ex", {LARS}),
        ("mithers", {JOHANNA}),
        ("ithson.exam", {JON}),
        ("reau-nor", {LARS}),
        ("ers", {JOHANNA, LARS}),
        ("rs", set()),  # two characters: only whole words' starts
        ("derson13 lars", set()),  # a fragment is one word, never part of a longer query
        # phone fragments, with separators or digits only
        ("555-01", {JOHN, JOHANNA}),
        ("555-012", {JOHN}),
        ("5550", {JOHN, JOHANNA, MARY}),
        ("555012", {JOHN}),
        ("5550198765", {JOHANNA}),
        ("(555) 019", {JOHANNA}),
        ("019-8765", {JOHANNA}),
        ("8765", {JOHANNA}),
        ("+34 612", {JOSE}),
        ("612 345 678", {JOSE}),
        ("777-123", {ZOE}),
        # punctuation inside names
        ('"john', {JOHN, MARY}),
        ('john"', {JOHN, MARY}),
        ("anne-marie", {ANNE_MARIE}),
        ("anne marie", {ANNE_MARIE}),
        ("marie", {ANNE_MARIE}),
        ("o'brien", {SIOBHAN}),
        ("O’Brien", {SIOBHAN}),
        ("brien", {SIOBHAN}),
        ("o'neil", {PATRICK}),
        ("O’Neil", {PATRICK}),
        # non-ASCII names, with and without the accents
        ("jose", {JOSE}),
        ("José", {JOSE}),
        ("JOSÉ", {JOSE}),
        ("jos", {JOSE}),
        (unicodedata.normalize("NFD", "José"), {JOSE}),
        ("garcia", {JOSE}),
        ("García", {JOSE}),
        ("zoe", {ZOE}),
        ("Zoë", {ZOE}),
        ("Łukasz", {LUKASZ}),
        ("łukasz", {LUKASZ}),
        ("łuk", {LUKASZ}),
        ("nguyen", {THAO}),
        ("Nguyễn", {THAO}),
        ("thao nguyen", {THAO}),
        ("Thảo", {THAO}),
        ("siobhan", {SIOBHAN}),
        ("İsmail", {ISMAIL}),
        ("ismail", {ISMAIL}),
        ("Yılmaz", {ISMAIL}),
        # no match
        ("qzx", set()),
        ("john qzx", set()),
        ("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", set()),
    ],
)
def test_query_shapes(desk: Database, typed: str, expected: set[int]) -> None:
    assert set(ids(desk, typed)) == expected


@pytest.mark.parametrize("typed", ["M0000005", "m0000005", " M0000005 ", "]C0M0000005"])
def test_member_number_finds_its_customer(desk: Database, typed: str) -> None:
    assert ids(desk, typed)[0] == ZOE


def test_voucher_code_finds_the_owner_first(desk: Database) -> None:
    found = ids(desk, "5550123")
    # Yara holds voucher 5550123; John only matches because his phone digits start with it.
    assert found == [YARA, JOHN]  # by name order John Smith would come before Yara Zimmermann


@pytest.mark.parametrize("typed", ["CPN-7F3A", "cpn-7f3a", "]Q1CPN-7F3A\r\n", "90000001"])
def test_coupon_and_voucher_codes_find_the_owner(desk: Database, typed: str) -> None:
    assert ids(desk, typed) == [WENDY]


def test_a_voucher_code_equal_to_a_member_number_finds_both_owners(desk: Database) -> None:
    assert set(ids(desk, "M0000001")) == {JOHN, ZOE}


def test_a_voucher_code_names_the_voucher(desk: Database) -> None:
    wendy = search_customers(desk, "90000001")
    assert wendy.voucher is not None and (wendy.voucher.customer_id, wendy.voucher.code) == (WENDY, "90000001")
    assert search_customers(desk, "]Q1cpn-7f3a\r\n").voucher == wendy.voucher  # its coupon code, as scanned
    zoe = search_customers(desk, "M0000001").voucher  # John's member number is also Zoë's voucher code
    assert zoe is not None and zoe.customer_id == ZOE and zoe.voucher_id != wendy.voucher.voucher_id


@pytest.mark.parametrize("typed", ["M0000005", "john", "smith12", "derson13", "5550", "90000001 x"])
def test_anything_else_names_no_voucher(desk: Database, typed: str) -> None:
    assert search_customers(desk, typed).voucher is None


def test_e_mail_fragments_count_towards_the_limit(desk: Database) -> None:
    every = search_customers(desk, "ller1", limit=1000)  # filler1@, filler10@ … filler119@: no word starts so
    assert len(every.customers) == 31 and every.more is False
    some = search_customers(desk, "ller1", limit=20)
    assert len(some.customers) == 20 and some.more is True
    assert {c.id for c in some.customers} < {c.id for c in every.customers}


def test_results_are_in_name_order(desk: Database) -> None:
    result = search_customers(desk, "j")
    keys = [(c.last_name.lower(), c.first_name.lower(), c.id) for c in result.customers]
    assert keys == sorted(keys)
    assert [c.id for c in result.customers] == [JOSE, MARY, JOHN, JOHANNA, JON]


def test_summaries_carry_what_the_list_shows(desk: Database) -> None:
    (john,) = search_customers(desk, "john smith").customers
    assert (john.name, john.email, john.phone, john.member_number) == (
        "John Smith",
        "john.smith12@gmail.com",
        "555-012-3456",
        "M0000001",
    )
    assert john.status is ProgramStatus.ACTIVE and john.has_pending_change is False
    (yara,) = search_customers(desk, "yara").customers
    assert yara.status is None  # not in the program: still found


@pytest.mark.parametrize(
    "typed",
    ["", " ", "\t\n", "!!!", "@", "-", '"', "'", "*", "()", "’", "...", "@.-", '"*"', "^", "NEAR", "AND"],
)
def test_nothing_searchable_returns_nothing_without_error(desk: Database, typed: str) -> None:
    result = search_customers(desk, typed)
    if typed in {"NEAR", "AND"}:  # words, not operators: searched for as text (Lars's address holds "and")
        assert {c.id for c in result.customers} == ({LARS} if typed == "AND" else set())
        return
    assert result.customers == () and result.more is False
    assert result.query == typed


@pytest.mark.parametrize(
    "typed", ["john OR mary", "john AND", "NOT john", "first_name:john", "john*", "NEAR(john smith)", "{john}"]
)
def test_fts_syntax_in_the_input_is_just_text(desk: Database, typed: str) -> None:
    search_customers(desk, typed)  # must not raise


def test_limit_and_more(desk: Database) -> None:
    result = search_customers(desk, "filler")
    assert len(result.customers) == DEFAULT_LIMIT and result.more is True
    assert len(search_customers(desk, "filler", limit=FILLERS - 1).customers) == FILLERS - 1
    assert search_customers(desk, "filler", limit=FILLERS - 1).more is True
    exact = search_customers(desk, "filler", limit=FILLERS)
    assert len(exact.customers) == FILLERS and exact.more is False
    roomy = search_customers(desk, "filler", limit=FILLERS + 50)
    assert len(roomy.customers) == FILLERS and roomy.more is False
    assert len({c.id for c in roomy.customers}) == FILLERS  # no duplicates
    one = search_customers(desk, "john", limit=1)
    assert len(one.customers) == 1 and one.more is True


@pytest.mark.parametrize("limit", [0, -5])
def test_a_non_positive_limit_returns_nothing(desk: Database, limit: int) -> None:
    result = search_customers(desk, "john", limit=limit)
    assert result.customers == () and result.more is False


def test_an_exact_code_match_counts_towards_the_limit(desk: Database) -> None:
    result = search_customers(desk, "5550123", limit=1)
    assert [c.id for c in result.customers] == [YARA] and result.more is True


# Every stored name is found by typing it: the query is split and folded the way the index was.
_names = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=15)
_ids = itertools.count(500_000)


@pytest.fixture(scope="module")
def name_db(
    tmp_path_factory: pytest.TempPathFactory, data_builder: type[DataBuilder]
) -> Iterator[tuple[Database, DataBuilder]]:
    path = tmp_path_factory.mktemp("names") / "desk.db"
    db = Database(path)
    yield db, data_builder(path)
    db.close()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=_names, last=_names)
def test_any_stored_name_is_found_by_typing_it(name_db: tuple[Database, DataBuilder], first: str, last: str) -> None:
    db, builder = name_db
    cid = builder.customer(first, last, customer_id=next(_ids), member_number="")
    for typed in (first, last, f"{first} {last}", f"{last} {first}"):
        if query_words(typed):
            assert cid in ids(db, typed, limit=100_000), (typed, [hex(ord(ch)) for ch in typed])


def test_the_search_database_is_a_real_file(desk: Database) -> None:
    assert Path(desk.path).stat().st_size > 0


def test_words_that_start_as_typed_come_before_fragments_inside_addresses(desk: Database) -> None:
    assert ids(desk, "vorq") == [ZED, ABE]  # Vorqa starts so; Ant's address only holds it: Ant comes second
    assert ids(desk, "ers") == [LARS, JOHANNA]  # fragments only: in name order, Andersson before Smithers
