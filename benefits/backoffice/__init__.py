"""The back office: what staff, the committee, the council and treasury read and do.

access.py     who may see and do what, per cooperative (one place, 404 for others' rows)
queues.py     the queues ("bandejas") and the request page's facts
views.py      the admin pages and actions (thin: fetch scoped, validate, call one service)
committee.py  the committee pages
payouts.py    treasury pages
reports.py    the quarterly report and the dashboard's figures
charts.py     inline SVG charts (no scripts, no inline styles: the CSP allows neither)
pdf.py        WeasyPrint rendering (no remote resources)
letters.py    the decision letter, San Simón's "Carta de solicitud", and the email attachments hook
tasks.py      the daily staff digest (Celery beat)
"""
