"""COPROCENVA — Reglamento del Fondo Mutual para Auxilio Solidario (R-BS-15 v02, acta 912).

Source: ../shared/reglamentos/003_4eb7218151ef50ef.txt. It applies to events
from 1 December 2021 (Art. 19), so the version is chosen by the event date.
The text's numbering jumps from Art. 8 to Art. 11 (there are no Arts. 9-10).
"""

from datetime import date
from decimal import Decimal as D

from benefits.rules import blocks as b
from benefits.rules.ruleset import BenefitSpec, RuleSet

# --- Readings chosen where the text is ambiguous ------------------------------
BANDS_READING = (
    "«Hasta N años» incluye el día en que se cumplen N años de afiliación; desde el día siguiente aplica "
    "la banda siguiente. La antigüedad se mide a la fecha del evento."
)
YEAR_READING = (
    "El año de cada auxilio es el año calendario de radicación (Art. 12 num. 3); para auxilios anteriores "
    "sin fecha de radicación se usa la fecha en que se otorgaron."
)
SUSPENDED_READING = (
    "El reglamento no menciona la suspensión de derechos; una suspensión es una sanción disciplinaria del "
    "Capítulo IV del Estatuto, así que mientras esté vigente se niega por el Art. 11 num. 7."
)
ARREARS_READING = (
    "«Hábil» es no tener más de 30 días de atraso (Art. 1 num. 6). Se usan los días de mora informados "
    "para la fecha del evento; el portal conoce la mora del día en que se leyó el padrón, y la del evento "
    "la deduce de ella (una cuota vencida hace N días lo estaba N − D días D días antes): la mora "
    "acumulada después del evento no cuenta. La mora saldada después del evento no se ve: el analista la verifica."
)
ROLL_READING = (
    "«Día de no atención en agencia» se lee como sábado, domingo o festivo nacional (calendario de días "
    "hábiles del portal, con los ajustes del personal)."
)
FLAT_TABLE_READING = (
    "La tabla del Art. 13 está aplanada en el texto: la columna de cobertura de los numerales 2 a 4 se lee "
    "como el grupo familiar primario del Art. 8 (padres, padrastros, cónyuge, hijos e hijastros menores de "
    "18 años, estudiantes hasta 24 años y 364 días o con discapacidad), más el asociado en los numerales 3 "
    "y 4 (Art. 5 lit. c y d)."
)
INCAPACITY_READING = (
    "«A partir del sexto día y hasta un máximo de quince (15) días» se lee como un máximo de 15 días "
    "pagados, contados desde el sexto día de incapacidad (días 6 a 20)."
)

SELF = b.Covered("self")
FAMILY = (
    b.Covered("spouse"),
    b.Covered("parent"),
    b.Covered("stepparent"),
    b.Covered("child", under=18, disabled_any_age=True, studying_under=25),
    b.Covered("stepchild", under=18, disabled_any_age=True, studying_under=25),
)
HEALTH_GROUP = (
    "servicios_medicos",
    "medicamentos",
    "incapacidad",
    "licencia_maternidad",
    "licencia_paternidad",
)
HEALTH_GROUP_NAMES = (
    "servicios médicos, hospitalarios y quirúrgicos",
    "medicamentos, exámenes y ayudas ortopédicas",
    "incapacidad médica",
    "licencia de maternidad",
    "licencia de paternidad",
)

CATASTROPHES = b.DetailInList(
    key="modality",
    label="modalidad de catástrofe",
    allowed=(
        ("sismo", ("terremoto", "temblor")),
        ("inundación", ("inundacion",)),
        ("vendaval", ()),
        ("derrumbe", ("deslizamiento", "caida de inmueble por agentes externos")),
        ("incendio", ()),
        ("granizada", ("granizo",)),
        ("helada", ("heladas",)),
        ("sequía", ("sequia",)),
        ("erupción volcánica", ("erupcion volcanica", "erupcion")),
        ("actos terroristas", ("terrorismo", "acto terrorista")),
        ("situaciones de orden público", ("orden publico", "vandalismo")),
    ),
    excluded_note="No incluye accidentes de tránsito (Art. 5 lit. i) ni deterioro natural de inmuebles.",
    article="Art. 12 num. 9 lit. b; Art. 5 lit. i",
)


def bands(*values) -> b.SeniorityTable:
    """The five seniority columns of Art. 13."""
    labels = ("Hasta 2 años", "Hasta 5 años", "Hasta 10 años", "Hasta 20 años", "Más de 20 años")
    years = (2, 5, 10, 20, None)
    rows = tuple(
        b.up_to_years(y, label, v) for y, label, v in zip(years, labels, values, strict=True)
    )
    return b.SeniorityTable(kind="up_to_years", bands=rows, reading=BANDS_READING)


DEADLINE = b.CalendarDaysWindow(
    days=60, roll_to_business_day=True, article="Art. 11 num. 4 y parágrafo", reading=ROLL_READING
)


def general(*, days=180, premature_days=None, deadline=DEADLINE) -> tuple:
    """Art. 11: requirements every benefit shares, in the text's order."""
    return (
        b.NotSuspended(article="Art. 11 num. 7", reading=SUSPENDED_READING),
        b.ArrearsAtMost(
            max_days=30,
            at="day_before_event",
            article="Art. 11 num. 1; Art. 1 num. 6",
            reading=ARREARS_READING,
        ),
        b.MinimumSeniority(
            days=days, premature_days=premature_days, at="event_date", article="Art. 11 num. 2"
        ),
        b.Inducted(article="Art. 11 num. 3"),
        deadline,
        b.NoRecentSanction(months=12, article="Art. 11 num. 7"),
    )


ONCE_A_YEAR = b.LimitPerYear(
    max_count=1, year_basis="filing", article="Art. 12 num. 1", reading=YEAR_READING
)
TWO_HEALTH_TYPES = b.DistinctTypesPerYear(
    group=HEALTH_GROUP,
    names=HEALTH_GROUP_NAMES,
    max_types=2,
    article="Art. 12 num. 2 y 3",
    reading=YEAR_READING,
)
CONFLICTS = (
    b.RoleConflict(roles=("council", "oversight_board"), to="committee", article="Art. 12 num. 15"),
    b.RoleConflict(
        roles=("committee",),
        to="committee",
        article="Art. 12 num. 15",
        note="decide el grupo del comité en el que no participa el interesado",
    ),
    b.RoleConflict(
        roles=("agency_director", "operations_chief"),
        to="committee",
        article="Art. 12 num. 16 y 17",
    ),
)


def approver(default: str, body: str, article: str, *extra, reading: str = "") -> b.Approver:
    return b.Approver(
        default=default,
        body=body,
        article=article,
        escalations=(*extra, *CONFLICTS),
        reading=reading,
    )


AGENCY = ("staff", "el Director de Agencia")
COMMITTEE = ("committee", "el Comité de Solidaridad")
IDENTITY = "Copia o imagen legible del documento de identidad del asociado y de los beneficiarios (Art. 11 num. 6)"
KINSHIP = "Original o copia legible de documento válido para demostrar parentesco (Art. 8 par. 5)"

BENEFITS = (
    BenefitSpec(
        code="muerte_asociado",
        name="Auxilio por muerte del asociado",
        fund_kind="mutual",
        article="Art. 13 num. 1",
        evidence="documents",
        required_documents=(
            "Solicitud escrita de los beneficiarios a la Cooperativa",
            "Copia original del registro civil de defunción del asociado",
            IDENTITY,
        ),
        description="Fecha del evento: inscripción del registro civil de defunción (Art. 11 num. 1 lit. c).",
        checks=(
            *general(),
            b.BeneficiaryCovered(covers=(SELF,), article="Art. 13 num. 1 (cobertura)"),
            ONCE_A_YEAR,
        ),
        amount=b.SmmlvBySeniority(table=bands(4, 6, 8, 10, 12), article="Art. 13 num. 1"),
        approver=approver(*AGENCY, "Art. 13 num. 1"),
    ),
    BenefitSpec(
        code="muerte_familiar",
        name="Auxilio por muerte de un integrante del grupo familiar",
        fund_kind="mutual",
        article="Art. 13 num. 2",
        evidence="documents",
        required_documents=(
            "Original o copia del registro civil de defunción",
            KINSHIP,
            "Copia del documento de identidad del familiar fallecido",
            IDENTITY,
        ),
        description="Fecha del evento: inscripción del registro civil de defunción (Art. 11 num. 1 lit. c).",
        checks=(
            *general(),
            b.BeneficiaryCovered(
                covers=FAMILY,
                article="Art. 8; Art. 13 num. 2 (cobertura)",
                reading=FLAT_TABLE_READING,
            ),
            # Art. 12 num. 1 exempts it from "once a year": once for each relative who dies.
            b.OnceEver(per="beneficiary", article="Art. 12 num. 1"),
        ),
        amount=b.SmmlvBySeniority(
            table=bands("0.6", "0.7", "0.8", "0.9", 1), article="Art. 13 num. 2"
        ),
        approver=approver(*AGENCY, "Art. 13 num. 2"),
    ),
    BenefitSpec(
        code="servicios_medicos",
        name="Auxilio por servicios médicos, hospitalarios y quirúrgicos",
        fund_kind="mutual",
        article="Art. 13 num. 3",
        evidence="invoice",
        supplier_kind="health",
        required_documents=(
            "Original o copia legible de historia clínica o epicrisis con el diagnóstico",
            "Original o copia legible de orden médica y fórmulas médicas",
            KINSHIP,
            "Factura en original o copia legible (si el valor es menor al 70 % de un SMMLV se aceptan recibos "
            "de caja, POS o documento equivalente)",
            "Si el prestador no está obligado a facturar y el valor supera el 70 % de un SMMLV: documento "
            "equivalente a la factura y RUT",
            IDENTITY,
        ),
        description=(
            "Incluye cirugías, hospitalizaciones, consultas, procedimientos y ambulancia. No incluye transporte, "
            "alimentación, acompañamiento, cirugías plásticas ni tratamientos estéticos (Art. 12 num. 4). Fecha "
            "del evento: la primera factura posterior a la orden médica."
        ),
        checks=(
            *general(),
            b.BeneficiaryCovered(
                covers=(SELF, *FAMILY),
                article="Art. 8; Art. 13 num. 3 (cobertura)",
                reading=FLAT_TABLE_READING,
            ),
            ONCE_A_YEAR,
            TWO_HEALTH_TYPES,
            b.MinimumClaim(smdlv=4, article="Art. 12 num. 4 lit. g"),
        ),
        amount=b.LesserOfShareAndCap(
            share=D("0.7"), table=bands("0.8", 1, "1.2", "1.4", "1.5"), article="Art. 13 num. 3"
        ),
        approver=approver(*COMMITTEE, "Art. 13 num. 3"),
    ),
    BenefitSpec(
        code="medicamentos",
        name="Auxilio por compra de medicamentos, exámenes y ayudas ortopédicas",
        fund_kind="mutual",
        article="Art. 13 num. 4",
        evidence="invoice",
        supplier_kind="pharmacy",
        required_documents=(
            "Original o copia legible de historia clínica o epicrisis con el diagnóstico",
            "Original o copia legible de orden médica y fórmulas médicas",
            KINSHIP,
            "Factura en original o copia legible (si el valor es menor al 70 % de un SMMLV se aceptan recibos "
            "de caja, POS o documento equivalente)",
            # Art. 13 nums. 3 and 4 share one column of documents in the (flattened) table.
            "Si el prestador no está obligado a facturar y el valor supera el 70 % de un SMMLV: documento "
            "equivalente a la factura y RUT",
            IDENTITY,
        ),
        description=(
            "Incluye medicamentos, exámenes de laboratorio, ayudas ortopédicas, terapias, curaciones y "
            "ambulancia; no productos de libre consumo, medicina alternativa ni suplementos (Art. 12 num. 4)."
        ),
        checks=(
            *general(),
            b.BeneficiaryCovered(
                covers=(SELF, *FAMILY),
                article="Art. 8; Art. 13 num. 4 (cobertura)",
                reading=FLAT_TABLE_READING,
            ),
            ONCE_A_YEAR,
            TWO_HEALTH_TYPES,
            b.MinimumClaim(smdlv=4, article="Art. 12 num. 4 lit. g"),
        ),
        amount=b.LesserOfShareAndCap(
            share=D("0.7"), table=bands("0.5", "0.7", "0.8", "0.9", 1), article="Art. 13 num. 4"
        ),
        approver=approver(
            *COMMITTEE,
            "Art. 13 num. 4",
            reading="La celda de aprobación del num. 4 está vacía en la tabla aplanada; se lee como la del num. 3 (Comité de Solidaridad), con la que comparte la columna de documentos.",
        ),
    ),
    BenefitSpec(
        code="licencia_maternidad",
        name="Auxilio por licencia de maternidad",
        fund_kind="mutual",
        article="Art. 13 num. 5",
        evidence="documents",
        details=("premature",),
        required_documents=(
            "Documento que acredite la licencia emitida por la EPS, o certificado de nacimiento o registro "
            "civil de nacimiento",
            IDENTITY,
        ),
        description="Fecha del evento: la fecha del parto. No procede en caso de aborto provocado sin concepto médico (Art. 12 num. 6).",
        checks=(
            *general(days=270, premature_days=180),
            b.AssociateGender(gender="F", article="Art. 13 num. 5 (cobertura)"),
            ONCE_A_YEAR,
            TWO_HEALTH_TYPES,
        ),
        amount=b.SmmlvBySeniority(
            table=bands("0.5", "0.7", "0.8", "0.9", 1), article="Art. 13 num. 5"
        ),
        approver=approver(*AGENCY, "Art. 13 num. 5"),
    ),
    BenefitSpec(
        code="licencia_paternidad",
        name="Auxilio por licencia de paternidad",
        fund_kind="mutual",
        article="Art. 13 num. 6",
        evidence="documents",
        details=("premature",),
        required_documents=("Registro civil de nacimiento", IDENTITY),
        description="Fecha del evento: la fecha del parto.",
        checks=(
            *general(days=270, premature_days=180),
            b.AssociateGender(gender="M", article="Art. 13 num. 6 (cobertura)"),
            ONCE_A_YEAR,
            TWO_HEALTH_TYPES,
        ),
        amount=b.SmmlvBySeniority(
            table=bands("0.2", "0.3", "0.4", "0.5", "0.6"), article="Art. 13 num. 6"
        ),
        approver=approver(*AGENCY, "Art. 13 num. 6"),
    ),
    BenefitSpec(
        code="incapacidad",
        name="Auxilio por incapacidad médica superior a 5 días",
        fund_kind="mutual",
        article="Art. 13 num. 7",
        evidence="documents",
        details=("days", "incapacity_end"),
        required_documents=(
            "Incapacidad médica expedida por la EPS (o por médico particular con registro y el historial "
            "clínico de la EPS)",
            "Historia clínica acorde con la incapacidad, con diagnóstico, legible y con firma o sello y "
            "registro profesional del médico",
            IDENTITY,
        ),
        description=(
            "Fecha del evento: inicio de la (primera) incapacidad; el plazo se cuenta desde su finalización "
            "(Art. 11 num. 1 lit. a). Los días interrumpidos por días no laborales se suman (Art. 12 num. 5)."
        ),
        checks=(
            *general(
                deadline=b.CalendarDaysWindow(
                    days=60,
                    start="incapacity_end",
                    roll_to_business_day=True,
                    article="Art. 11 num. 4 y parágrafo; Art. 11 num. 1 lit. a",
                    reading=ROLL_READING,
                )
            ),
            b.BeneficiaryCovered(covers=(SELF,), article="Art. 13 num. 7 (cobertura)"),
            b.DetailAtLeast(
                key="days",
                minimum=D(5),
                strict=True,
                label="días de incapacidad continuos",
                article="Art. 13 num. 7",
            ),
            ONCE_A_YEAR,
            TWO_HEALTH_TYPES,
        ),
        amount=b.DailyWagePerDay(
            first_paid_day=6, max_days=15, article="Art. 13 num. 7", reading=INCAPACITY_READING
        ),
        approver=approver(*COMMITTEE, "Art. 13 num. 7"),
    ),
    BenefitSpec(
        code="enfermedad_terminal",
        name="Auxilio por enfermedad terminal",
        fund_kind="mutual",
        article="Art. 13 num. 8",
        evidence="documents",
        # The incapacity's start and its certified days: the window runs 60 days
        # from its end when it starts within 60 days of the diagnosis (Art. 11 num. 1 lit. e).
        details=(
            "disease",
            "incapacity_start",
            "days",
        ),
        required_documents=(
            "Epicrisis expedida por la EPS con el diagnóstico de la enfermedad que da origen al auxilio",
            IDENTITY,
        ),
        description="Fecha del evento: fecha del diagnóstico. Tiene prioridad: se analiza en la siguiente reunión del comité.",
        checks=(
            *general(
                deadline=b.CalendarDaysWindow(
                    days=60,
                    start="diagnosis",
                    roll_to_business_day=True,
                    article="Art. 11 num. 4 y parágrafo; Art. 11 num. 1 lit. e",
                    reading=ROLL_READING,
                )
            ),
            b.BeneficiaryCovered(covers=(SELF,), article="Art. 13 num. 8 (cobertura)"),
            ONCE_A_YEAR,
            b.OncePerDetailValue(
                key="disease", label="enfermedad", required=False, article="Art. 12 num. 8"
            ),
        ),
        amount=b.SmmlvBySeniority(table=bands(1, "1.5", 2, "2.5", 3), article="Art. 13 num. 8"),
        approver=approver(*COMMITTEE, "Art. 13 num. 8"),
    ),
    BenefitSpec(
        code="catastrofe",
        name="Auxilio por siniestros de catástrofes naturales o accidentales, orden público o terrorismo",
        fund_kind="mutual",
        article="Art. 13 num. 9",
        evidence="documents",
        details=(
            "modality",
            "affected_in_agency",
        ),
        required_documents=(
            "Informe de la entidad competente que acredite al solicitante como afectado en sus bienes",
            "Registro fotográfico",
            "Valoración de los daños o facturas de compra y constancias de pago de mano de obra, honorarios y servicios",
            "Certificado de tradición de la propiedad afectada (propietario)",
            "Contrato de arrendamiento vigente con antigüedad mínima de un año (inquilino)",
            IDENTITY,
        ),
        description="El afectado directo debe ser el asociado. Propietario e inquilino asociados pueden solicitar cada uno (Art. 12 num. 9 lit. d).",
        checks=(
            *general(),
            b.BeneficiaryCovered(covers=(SELF,), article="Art. 13 num. 9 (cobertura)"),
            CATASTROPHES,
            ONCE_A_YEAR,
            b.OncePerDetailValue(
                key="modality",
                label="modalidad de catástrofe",
                kinds=CATASTROPHES,
                article="Art. 12 num. 9 lit. a",
            ),
        ),
        amount=b.LesserOfShareAndCap(
            share=D("0.7"),
            table=bands(1, "1.5", 2, "2.5", 3),
            base_label="valor de la afectación",
            article="Art. 13 num. 9",
        ),
        approver=approver(
            *COMMITTEE,
            "Art. 13 num. 9",
            b.DetailAbove(
                key="affected_in_agency",
                threshold=D(3),
                to="council",
                article="Art. 13 num. 9 (aprobación)",
                text="la catástrofe afecta a {value} asociados de la agencia (más de 3); queda sujeta a disponibilidad presupuestal",
            ),
        ),
    ),
    BenefitSpec(
        code="afectacion_economica",
        name="Auxilio por afectación económica grave en emergencia económica, social o sanitaria",
        fund_kind="mutual",
        article="Art. 13 num. 10",
        evidence="documents",
        details=("emergency_type",),
        required_documents=(
            "Dependientes: carta de despido o de licencia no remunerada, o desprendible de pago con la disminución del salario",
            "Independientes con establecimiento: RUT o certificado de cámara de comercio y certificación de "
            "ingresos antes y después de la afectación",
            "Independientes técnicos o profesionales: certificación de suspensión del contrato o referencias comerciales",
            IDENTITY,
        ),
        description=(
            "La emergencia debe estar declarada por la autoridad nacional, departamental o municipal; se "
            "liquida con base en la afectación declarada y la actividad económica registrada (Art. 12 num. 11-12)."
        ),
        checks=(
            *general(),
            b.BeneficiaryCovered(covers=(SELF,), article="Art. 13 num. 10 (cobertura)"),
            ONCE_A_YEAR,
            b.OncePerDetailValue(
                key="emergency_type",
                label="tipo de emergencia",
                window_years=3,
                required=False,
                article="Art. 12 num. 13",
            ),
        ),
        amount=b.LesserOfShareAndCap(
            share=D(1),
            table=bands("0.2", "0.4", "0.6", "0.8", 1),
            base_label="valor de la afectación",
            article="Art. 13 num. 10",
        ),
        approver=approver(*COMMITTEE, "Art. 13 num. 10"),
    ),
)

RULE_SETS = (
    RuleSet(
        cooperative="coprocenva",
        name="COPROCENVA",
        title="el Reglamento del Fondo Mutual para Auxilio Solidario de COPROCENVA (R-BS-15 versión 02)",
        source="003_4eb7218151ef50ef.txt",
        version="2021-12-01",
        effective_from=date(2021, 12, 1),
        chosen_by="event_date",
        version_article="Art. 19",
        seniority_at="event_date",
        smmlv_year_of="requested_on",
        smmlv_article="Art. 12 num. 7",
        budget_article="Art. 6; Art. 13 num. 9",
        benefits=BENEFITS,
        readings=(
            "La versión se elige por la fecha del evento: el reglamento aplica a eventos desde el 1 de diciembre de 2021 (Art. 19).",
            "El SMMLV es el vigente al radicar. El Art. 12 num. 7 manda el del año del evento solo «cuando "
            "entre la solicitud y la orden de pago haya un corte anual»; sin ese corte rige el del año en "
            "curso, que es el de la solicitud. Si el pago se ordena en un año posterior al de la radicación "
            "y el evento es de un año anterior, el analista liquida con el SMMLV del año del evento.",
            "La antigüedad (mínimos y bandas) se mide a la fecha del evento: el fondo cubre los sucesos "
            "ocurridos cuando el asociado ya cumplía el tiempo.",
            BANDS_READING,
            YEAR_READING,
            SUSPENDED_READING,
            ARREARS_READING,
            ROLL_READING,
            FLAT_TABLE_READING,
            INCAPACITY_READING,
            "Conflicto de interés (Art. 12 num. 15-17): si el asociado o un familiar (cónyuge, hasta cuarto grado "
            "de consanguinidad, segundo de afinidad y primero civil) integra el Consejo, la Junta de Vigilancia, "
            "el Comité, la dirección de agencia o la jefatura de operaciones, decide el Comité de Solidaridad. "
            "Los cargos de los familiares se informan en associate.relative_roles; el registro de asociados del "
            "portal aún no los trae, así que el analista que vea un familiar con cargo envía la solicitud al "
            "Comité.",
            "Padres e hijos de crianza (Art. 8 par. 6: beneficiarios si se registraron al menos 180 días antes del "
            "evento) aún no son un parentesco del portal: se registran como «otro familiar», las reglas no los "
            "cubren y el analista envía la solicitud al Comité como excepción, con la fecha de registro.",
            "Enfermedad terminal: la ampliación del plazo se aplica si details.incapacity_start cae dentro de los "
            "60 días siguientes al diagnóstico; el fin de esa incapacidad es incapacity_start + days − 1.",
            "Los cambios de modalidad de catástrofe, tipo de enfermedad y tipo de emergencia se comparan sin "
            "tildes ni mayúsculas (details.modality, details.disease, details.emergency_type).",
            "Un evento no contemplado o una diferencia de aplicación la decide el Consejo (Art. 12 num. 18): "
            "queda fuera del cálculo automático.",
        ),
    ),
)
