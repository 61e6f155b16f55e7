"""The dashboard's charts and figures, and the funds' policy and budgets as the council sets them."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from benefits.models import Fund, FundBudget, WhenExhausted
from benefits.services.backoffice import BackOfficeError, fund_budget_save, fund_save
from benefits.services.requests import Actor, request_approve
from tests.backoffice.helpers import file_request, set_budget

pytestmark = pytest.mark.django_db
BOGOTA = ZoneInfo("America/Bogota")


def test_the_dashboard_draws_the_year_in_svg_with_the_same_figures_in_tables(
    client, cemcop, staff, ana
):
    set_budget(cemcop, "welfare", 2_000_000, year=2026)
    request = file_request(
        ana, "plan_exequial", amount=500_000, now=datetime(2026, 2, 2, 12, tzinfo=BOGOTA)
    )
    request_approve(
        request=request, actor=Actor(staff.analyst), now=datetime(2026, 2, 4, 12, tzinfo=BOGOTA)
    )
    client.force_login(staff.council)

    page = client.get(
        reverse("admin:benefits_benefitrequest_dashboard"), {"cooperative": cemcop.pk, "year": 2026}
    )

    assert page.status_code == 200
    assert page.text.count('<svg class="bo-chart"') == 4 and 'role="img"' in page.text
    assert "$500.000 de $2.000.000 (25,00 %)" in page.text  # budget execution bar label
    assert re.search(
        r"Febrero</td><td class=\"numeric\">1</td><td class=\"numeric\">\$500.000", page.text
    )
    assert " style=" not in page.text


def test_the_dashboard_never_shows_another_cooperative(client, cemcop, san_simon, staff):
    client.force_login(staff.council)
    page = client.get(
        reverse("admin:benefits_benefitrequest_dashboard"), {"cooperative": san_simon.pk}
    )
    assert (
        page.status_code == 200
        and "Tablero de CEMCOP" in page.text
        and "San Simón" not in page.text
    )


def test_a_fund_cannot_hand_over_to_another_cooperatives_fund(cemcop, san_simon, staff):
    fund = Fund.objects.get(cooperative=cemcop, kind="welfare")
    fund.when_exhausted, fund.fallback = (
        WhenExhausted.FALLBACK,
        Fund.objects.filter(cooperative=san_simon).first(),
    )
    with pytest.raises(BackOfficeError, match="misma cooperativa"):
        fund_save(fund=fund, actor=Actor(staff.council))


def test_a_chain_of_funds_cannot_loop(coprocenva, staff):
    social = Fund.objects.get(cooperative=coprocenva, kind="social")
    social.when_exhausted = WhenExhausted.FALLBACK
    social.fallback = Fund.objects.get(cooperative=coprocenva, kind="mutual")
    with pytest.raises(BackOfficeError, match="vuelve a este mismo fondo"):
        fund_save(fund=social, actor=Actor(staff.council))


def test_a_fallback_policy_needs_a_fund(cemcop, staff):
    fund = Fund.objects.get(cooperative=cemcop, kind="welfare")
    fund.when_exhausted, fund.fallback = WhenExhausted.FALLBACK, None
    with pytest.raises(BackOfficeError, match="qué fondo asume"):
        fund_save(fund=fund, actor=Actor(staff.council))


def test_a_budget_change_is_audited_with_actor_and_reason_and_never_below_committed(
    cemcop, staff, ana
):
    budget = set_budget(cemcop, "welfare", 1_000_000)
    request_approve(
        request=file_request(ana, "plan_exequial", amount=400_000), actor=Actor(staff.analyst)
    )
    with pytest.raises(BackOfficeError, match="comprometidos"):
        fund_budget_save(
            fund=budget.fund, year=budget.year, amount=300_000, actor=Actor(staff.council)
        )
    fund_budget_save(
        fund=budget.fund,
        year=budget.year,
        amount=1_500_000,
        actor=Actor(staff.council),
        reason="Acta 551: adición presupuestal",
    )
    budget.refresh_from_db()
    assert budget.budget == 1_500_000 and budget.committed == 400_000
    record = budget.history.first()
    assert (
        record.history_user == staff.council
        and record.history_change_reason == "Acta 551: adición presupuestal"
    )


def test_a_new_years_budget_is_created_once(cemcop, staff):
    fund = Fund.objects.get(cooperative=cemcop, kind="welfare")
    fund_budget_save(fund=fund, year=2031, amount=5_000_000, actor=Actor(staff.council))
    fund_budget_save(fund=fund, year=2031, amount=6_000_000, actor=Actor(staff.council))
    assert FundBudget.objects.get(fund=fund, year=2031).budget == 6_000_000


def test_the_fund_page_lists_its_budgets_and_history(client, cemcop, staff):
    fund = Fund.objects.get(cooperative=cemcop, kind="welfare")
    client.force_login(staff.council)
    client.post(
        reverse("admin:benefits_fund_change", args=[fund.pk]),
        {
            "name": "Fondo de bienestar",
            "when_exhausted": "deny",
            "exhaustion_article": "Art. 8",
            "change_reason": "Acuerdo 018-2023",
            "budgets-TOTAL_FORMS": 0,
            "budgets-INITIAL_FORMS": 0,
        },
    )
    page = client.get(reverse("admin:benefits_fund_change", args=[fund.pk]))
    assert "Auditoría" in page.text and "Acuerdo 018-2023" in page.text
    assert Fund.objects.get(pk=fund.pk).name == "Fondo de bienestar"
