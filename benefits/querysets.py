from cooperatives.querysets import TenantQuerySet


class BenefitQuerySet(TenantQuerySet):
    def active(self):
        return self.filter(active=True)


class BenefitRequestQuerySet(TenantQuerySet):
    def of_associate(self, associate):
        return self.filter(associate=associate)

    def open(self):
        from benefits.states import FINAL_STATUSES

        return self.exclude(status__in=FINAL_STATUSES)
