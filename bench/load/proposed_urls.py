"""The portal's URLs, with BenefitRequestAdmin's search replaced by the proposed one."""

from bench.load.proposed import search_results
from benefits.admin.requests import BenefitRequestAdmin
from config.urls import urlpatterns

BenefitRequestAdmin.get_search_results = search_results

__all__ = ["urlpatterns"]
