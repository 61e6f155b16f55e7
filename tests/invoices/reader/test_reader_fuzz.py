"""Smoke fuzzing: whatever the bytes, the reader only ever returns a ReadResult."""

import importlib.util
import json
import logging
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reader_builders import MARKER, build_zip, sample

from invoices.reader import Limits, ReadResult, facts, read_upload

ROOT = Path(__file__).resolve().parents[3]
_spec = importlib.util.spec_from_file_location("fuzz_reader", ROOT / "fuzz" / "fuzz_reader.py")
fuzz_reader = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fuzz_reader)

SEEDS = fuzz_reader.all_seeds()
BOUNDED = settings(
    max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)


@BOUNDED
@given(st.binary(max_size=4096))
def test_arbitrary_bytes_only_ever_give_a_read_result(data):
    fuzz_reader.check_one(data)


@BOUNDED
@given(st.sampled_from(sorted(SEEDS)), st.integers(0, 2**32), st.integers(1, 6))
def test_mutated_samples_only_ever_give_a_read_result(seed, rng_seed, steps):
    fuzz_reader.check_one(
        fuzz_reader.from_recipe({"seed": seed, "rng_seed": rng_seed, "steps": steps}, SEEDS)
    )


@pytest.mark.filterwarnings("ignore:Duplicate name:UserWarning")
@BOUNDED
@given(
    st.lists(
        st.tuples(
            st.text(min_size=1, max_size=30),
            st.one_of(
                st.binary(max_size=512),
                st.sampled_from(list(fuzz_reader.synthetic_seeds().values())),
            ),
        ),
        max_size=5,
    )
)
def test_zips_of_arbitrary_entries_only_ever_give_a_read_result(entries):
    fuzz_reader.check_one(build_zip(*entries))


def test_a_bounded_plain_fuzz_loop_finds_nothing():
    ran, crashes = fuzz_reader.plain_loop(300, seed=99, max_seconds=20, save=False)
    assert crashes == []
    assert ran > 0


CRASHES = sorted((ROOT / "fuzz" / "crashes").glob("crash-*"))


@pytest.mark.parametrize("path", CRASHES, ids=lambda p: p.name)
def test_every_saved_fuzz_crash_is_now_a_read_result(path):
    if path.suffix == ".json":
        data = fuzz_reader.from_recipe(json.loads(path.read_text()), SEEDS)
        if data is None:
            pytest.skip("its seed sample is not in ../shared/dian-samples")
    else:
        data = path.read_bytes()
    fuzz_reader.check_one(data)


def test_an_unexpected_bug_is_turned_into_a_refusal_and_logged_without_content(monkeypatch, caplog):
    def explode(root):
        raise RuntimeError(MARKER)

    monkeypatch.setattr(facts, "document_facts", explode)
    with caplog.at_level(logging.ERROR, logger="invoices.reader.reader"):
        result = read_upload(sample("inv_siigo_FE254_prod.xml"), limits=Limits())
    assert isinstance(result, ReadResult)
    assert (result.ok, result.error_code) == (False, "xml_malformed")
    assert "RuntimeError" in caplog.text
    assert MARKER not in caplog.text
