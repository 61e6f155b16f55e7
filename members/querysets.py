from cooperatives.querysets import TenantQuerySet


class AssociateQuerySet(TenantQuerySet):
    def active(self):
        return self.filter(status="active")


class BeneficiaryQuerySet(TenantQuerySet):
    def approved(self):
        return self.filter(status="approved")


class SavingsAccountQuerySet(TenantQuerySet):
    def active(self):
        return self.filter(active=True)
