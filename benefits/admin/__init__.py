"""The back office in the Django admin (a package: one module per area).

requests.py   solicitudes: bandejas, búsqueda, la página de la solicitud y sus acciones,
              tablero e informe trimestral
committee.py  sesiones de comité y consejo, orden del día, grupos
payouts.py    lotes de desembolso (tesorería)
funds.py      catálogo, motivos de rechazo, fondos, presupuestos, libro de movimientos, política
base.py       what they share: bounded counts, audit trail, CSV export, read-only history
"""

from benefits.admin import committee, funds, payouts, requests  # noqa: F401  (registers the admins)
from benefits.backoffice import tasks  # noqa: F401  (registers the beat task in every process)
