"""CEMCOP — Reglamento del Fondo de Bienestar Social (Acuerdo 018-2023, acta 551).

Source: ../shared/reglamentos/001_22308d817f12bb5c.txt. It "rige a partir de la
fecha de su expedición" (26 April 2023) and repeals the earlier texts (Art. 46),
so the version is chosen by the filing date.
"""

from datetime import date
from decimal import Decimal as D

from benefits.rules import blocks as b
from benefits.rules.ruleset import BenefitSpec, ParameterSpec, RuleSet

# --- Readings chosen where the text is ambiguous ------------------------------
ART7_READING = (
    "El cuadro del Art. 7 deja fuera los aniversarios exactos («mayor a 1 año y menor a 2 años»): el día "
    "en que se cumplen N años cuenta en la banda «mayor a N años» (así, al cumplir los 12 meses que exigen "
    "los Arts. 14 a 20 ya corresponde el 30 %). Se cuentan meses completos a la fecha de radicación."
)
GASTRO_READING = (
    "Como en el Art. 7, al cumplir 6 meses, 1 año o 3 años se pasa a la banda siguiente; se cuentan meses "
    "completos a la fecha de radicación."
)
DATA_READING = (
    "«Al día con la actualización de datos» se lee como una actualización en los 12 meses anteriores a la "
    "solicitud (la periodicidad anual de la normativa SARLAFT)."
)
FISCAL_YEAR_READING = (
    "El servicio (fecha de la factura o del evento) debe ser del mismo año calendario de la radicación; "
    "las oportunidades que publique la administración (Art. 39) no se modelan."
)
ARTICLE_49_READING = (
    "Los Arts. 14, 18, 20 y 29 remiten al «artículo 49», que no existe en este acuerdo (46 artículos): se "
    "lee como el Art. 41, que trae los requisitos de facturas y soportes."
)
REGISTERED_READING = (
    "«Familiares previamente reportados» (Art. 5): registrados como beneficiarios a más tardar el día de la "
    "radicación (el Art. 16 pide registrar al recién nacido antes de solicitar)."
)
CUT_DATE_READING = (
    "La «fecha de corte que se apruebe» es la fecha del evento del caso: la antigüedad y el año del valor "
    "se toman en esa fecha."
)

ART7 = b.SeniorityTable(
    kind="from_months",
    bands=(
        b.from_months(0, "Menor a 1 año", 0),
        b.from_months(12, "Mayor a 1 año y menor a 2 años", "0.30"),
        b.from_months(24, "Mayor a 2 años y menor a 3 años", "0.50"),
        b.from_months(36, "Mayor a 3 años y menor a 4 años", "0.75"),
        b.from_months(48, "Mayor a 4 años", 1),
    ),
    reading=ART7_READING,
)
ART23 = b.SeniorityTable(
    kind="from_months",
    bands=(
        b.from_months(6, "Mayor a 6 meses y menor a 1 año", "0.20"),
        b.from_months(12, "Mayor a 1 año y menor a 3 años", "0.30"),
        b.from_months(36, "Mayor a 3 años", "0.50"),
    ),
    reading=GASTRO_READING,
)

SELF = b.Covered("self")
# Art. 5: cónyuge o compañera(o) permanente, hijos, padres, nietos, abuelos, hermanos.
FAMILY = (
    b.Covered("spouse"),
    b.Covered("child"),
    b.Covered("parent"),
    b.Covered("grandchild"),
    b.Covered("grandparent"),
    b.Covered("sibling"),
)


def covered(*covers, article="Art. 5") -> b.BeneficiaryCovered:
    return b.BeneficiaryCovered(
        covers=covers, registered_before="requested_on", article=article, reading=REGISTERED_READING
    )


def general(
    months: int,
    article: str,
    *,
    fiscal_year: bool = True,
    at: str = "requested_on",
    reading: str = "",
) -> tuple:
    """Art. 6: requirements every benefit shares, plus its minimum seniority."""
    checks = [
        b.NotSuspended(article="Art. 6 lit. a"),
        b.ArrearsAtMost(max_days=0, article="Art. 6 lit. b"),
        b.DataUpdatedWithin(months=12, article="Art. 6 lit. f", reading=DATA_READING),
    ]
    if fiscal_year:
        checks.append(
            b.SameFiscalYear(article="Art. 41; Art. 6 lit. c", reading=FISCAL_YEAR_READING)
        )
    checks.append(b.MinimumSeniority(months=months, at=at, article=article, reading=reading))
    return tuple(checks)


BODIES = (
    ("committee", "el Comité de solidaridad y bienestar social"),
    ("council", "el Consejo de Administración"),
)
MANAGEMENT = b.Approver(
    default="staff",
    body="la Gerencia",
    article="Art. 9",
    bodies=BODIES,
    reading=(
        "La Gerencia decide las solicitudes que se ajustan plenamente al reglamento; las excepciones y "
        "reconsideraciones las decide el Comité (Art. 10 lit. a) cuando el asociado las pide."
    ),
)
INVOICE_DOCS = (
    "Factura electrónica o documento equivalente, recibo de caja, soporte de pago o certificación del "
    "servicio, a nombre del asociado o del beneficiario que lo recibió (Art. 41)",
)

QUOTA_BENEFITS = (
    BenefitSpec(
        code="salud",
        name="Auxilio de salud",
        fund_kind="welfare",
        quota_group="A",
        article="Arts. 13-14",
        evidence="invoice",
        supplier_kind="health",
        required_documents=(
            *INVOICE_DOCS,
            "Orden médica u otro soporte si el documento no identifica al asociado o beneficiario como receptor del servicio",
        ),
        description=(
            "Gastos de salud propios o del grupo familiar: consultas, hospitalización, cirugía, vacunas, exámenes, "
            "fisioterapia, ortopedia, odontología, gafas y lentes, medicamentos, enfermería, salud mental, "
            "terapias de lenguaje, servicios geriátricos y terapias alternativas (Art. 13)."
        ),
        checks=(*general(12, "Art. 14"), covered(SELF, *FAMILY)),
        amount=b.QuotaCharged(
            base="claimed", article="Art. 14 par.; Art. 7", reading=ARTICLE_49_READING
        ),
        approver=MANAGEMENT,
    ),
    BenefitSpec(
        code="maternidad_paternidad",
        name="Auxilio de maternidad/paternidad",
        fund_kind="welfare",
        quota_group="A",
        article="Arts. 15-16",
        evidence="documents",
        required_documents=(
            "Copia escaneada del registro civil de nacimiento o de adopción",
            "Registro previo del hijo(a) como beneficiario en CEMCOP",
        ),
        description="Por el nacimiento o la adopción de cada hijo, hasta el 100 % del monto único anual (Art. 15).",
        checks=(
            *general(12, "Art. 16"),
            covered(b.Covered("child"), article="Arts. 15-16"),
            b.OnceEver(per="beneficiary", article="Art. 15"),
        ),
        amount=b.QuotaCharged(
            base="quota",
            article="Art. 15; Art. 16 par.",
            reading=(
                "«Hasta el 100 % del monto único anual» se limita al cupo del asociado: monto único por el "
                "porcentaje de antigüedad del Art. 7, menos lo usado del grupo A en el año (Art. 16 par.)."
            ),
        ),
        approver=MANAGEMENT,
    ),
    BenefitSpec(
        code="deportes",
        name="Auxilio para deportes",
        fund_kind="welfare",
        quota_group="A",
        article="Arts. 17-18",
        evidence="invoice",
        supplier_kind="sports",
        required_documents=(
            *INVOICE_DOCS,
            "Soporte que demuestre que el servicio se prestó al asociado o beneficiario, si la factura no lo indica",
        ),
        description=(
            "Práctica de deportes, danzas y baile del asociado y su grupo familiar, solo en gimnasios, "
            "instituciones educativas, entidades deportivas, academias y cajas de compensación (Art. 18); "
            "hasta el valor del plan del año fiscal que se solicita."
        ),
        checks=(*general(12, "Art. 18"), covered(SELF, *FAMILY)),
        amount=b.QuotaCharged(
            base="claimed",
            what="valor del servicio",
            article="Art. 17; Art. 18 par.",
            reading=ARTICLE_49_READING,
        ),
        approver=MANAGEMENT,
    ),
    BenefitSpec(
        code="veterinario",
        name="Auxilio para gastos médicos veterinarios",
        fund_kind="welfare",
        quota_group="A",
        article="Arts. 19-20",
        evidence="invoice",
        supplier_kind="veterinary",
        required_documents=(
            "Factura o documento equivalente, recibo de caja o soporte de pago de un tercero que preste "
            "profesionalmente servicios veterinarios (Art. 20)",
        ),
        description=(
            "Consultas, cirugías, exámenes, tratamientos y medicamentos de mascotas a cargo del asociado; no "
            "tratamientos estéticos (spa, peluquería o similares)."
        ),
        checks=(*general(12, "Art. 20"), covered(b.Covered("pet"), article="Art. 19")),
        amount=b.QuotaCharged(
            base="claimed", article="Art. 20 par.; Art. 7", reading=ARTICLE_49_READING
        ),
        approver=MANAGEMENT,
    ),
)

OTHER_BENEFITS = (
    BenefitSpec(
        code="plan_exequial",
        name="Auxilio plan exequial",
        fund_kind="welfare",
        article="Arts. 21-22",
        evidence="none",
        required_documents=("Documentos exigidos por CEMCOP y por el proveedor del plan",),
        description=(
            "Subsidio del plan exequial más económico contratado por CEMCOP para los asociados inscritos al "
            "renovarse la póliza; se paga al proveedor. amount_claimed: costo de ese plan. Fecha del evento: "
            "afiliación o renovación."
        ),
        checks=(
            *general(12, "Art. 22", at="event_date"),
            covered(SELF, article="Art. 21"),
            b.LimitPerYear(max_count=1, year_basis="event", article="Art. 21"),
        ),
        amount=b.ShareOfClaimed(
            share_parameter="plan_exequial_percent",
            what="costo del plan más económico",
            article="Art. 21",
        ),
        approver=MANAGEMENT,
        seniority_at="event_date",
    ),
    BenefitSpec(
        code="gastronomico",
        name="Auxilio para programas gastronómicos",
        fund_kind="welfare",
        article="Arts. 23-24",
        evidence="none",
        details=(
            "participants",
            "cost_per_person",
        ),
        required_documents=("Inscripción en la programación del Comité",),
        description="Para el asociado o su grupo familiar, hasta dos personas; se paga al proveedor.",
        checks=(*general(6, "Art. 24"), covered(SELF, *FAMILY, article="Art. 23")),
        amount=b.PerPerson(max_people=2, table=ART23, cap_smmlv=D("0.2"), article="Art. 23"),
        approver=MANAGEMENT,
    ),
    BenefitSpec(
        code="pasadia",
        name="Auxilio para programas de pasadías",
        fund_kind="welfare",
        article="Arts. 25-26",
        evidence="none",
        details=(
            "participants",
            "cost_per_person",
        ),
        required_documents=("Inscripción en la programación del Comité",),
        description="Para el asociado y hasta tres acompañantes de su grupo familiar.",
        checks=(*general(12, "Art. 26"), covered(SELF, *FAMILY, article="Art. 25")),
        amount=b.PerPerson(max_people=4, share=D("0.7"), cap_smmlv=D("0.2"), article="Art. 25"),
        approver=MANAGEMENT,
    ),
    BenefitSpec(
        code="cultural",
        name="Auxilio para programas culturales",
        fund_kind="welfare",
        article="Arts. 27-28",
        evidence="none",
        details=(
            "participants",
            "cost_per_person",
        ),
        required_documents=("Inscripción en la programación del Comité",),
        description="Para el asociado y hasta tres acompañantes, según los parámetros de la programación.",
        checks=(*general(2, "Art. 28"), covered(SELF, *FAMILY, article="Art. 27")),
        amount=b.PerPerson(
            max_people=4,
            share_parameter="cultural_percent",
            article="Art. 27",
            reading="El subsidio de la programación se expresa como un porcentaje del costo por persona (parámetro anual).",
        ),
        approver=MANAGEMENT,
    ),
    BenefitSpec(
        code="capacitacion",
        name="Auxilio para capacitaciones subsidiadas",
        fund_kind="welfare",
        article="Arts. 29-30",
        evidence="none",
        details=(
            "participants",
            "cost_per_person",
        ),
        required_documents=("Inscripción dentro del plazo de la convocatoria",),
        description=(
            "Un auxilio por asociado (o su sustituto del grupo familiar) por cada capacitación promovida por "
            "CEMCOP con un proveedor inscrito; se paga al proveedor. Si hay más postulantes que cupos, sorteo."
        ),
        checks=(*general(6, "Art. 30"), covered(SELF, *FAMILY, article="Art. 29")),
        amount=b.PerPerson(
            max_people=1,
            share_parameter="capacitacion_percent",
            max_share=D("0.8"),
            article="Art. 29",
            reading="La convocatoria fija el porcentaje (parámetro anual, 80 % por defecto); nunca más del 80 % que permite el reglamento.",
        ),
        approver=MANAGEMENT,
    ),
    BenefitSpec(
        code="ceremonia_mejores",
        name="Auxilio Ceremonia los mejores",
        fund_kind="welfare",
        article="Arts. 31-32",
        evidence="documents",
        details=(
            "education_level",
            "gpa",
            "qualitative_high",
            "icetex",
        ),
        required_documents=(
            "Primaria y bachillerato: certificado o boletín del último año lectivo con la nota definitiva",
            "Educación superior: certificado de calificaciones del último semestre con el promedio definitivo",
        ),
        description=(
            "Estímulo anual a la excelencia académica del asociado o de uno de sus hijos inscritos en el "
            "programa; si ambos padres son asociados, se otorga por uno solo."
        ),
        checks=(
            *general(12, "Art. 32", fiscal_year=False),
            covered(SELF, b.Covered("child"), article="Art. 31"),
            b.LimitPerYear(max_count=1, year_basis="event", article="Art. 31"),
            b.CeremonyGrades(article="Art. 32; Art. 31 par. 1"),
        ),
        amount=b.BudgetPerParticipant(
            budget_parameter="ceremonia_mejores_budget",
            participants_parameter="ceremonia_mejores_participants",
            article="Art. 31",
        ),
        approver=b.Approver(
            default="committee",
            body="el Comité de solidaridad y bienestar social",
            article="Art. 32",
            bodies=BODIES,
        ),
    ),
    BenefitSpec(
        code="programa_especial",
        name="Auxilio para programas especiales",
        fund_kind="welfare",
        article="Art. 33",
        evidence="none",
        required_documents=("Inscripción en la actividad programada por el Comité",),
        description="Actividades, beneficios o estímulos especiales programados por el Comité para el asociado y su grupo familiar.",
        checks=(*general(12, "Art. 33"), covered(SELF, *FAMILY, article="Art. 33")),
        amount=b.ParameterAmount(
            parameter="programa_especial_amount",
            set_in="la programación del Comité",
            article="Art. 33",
        ),
        approver=MANAGEMENT,
    ),
    BenefitSpec(
        code="obsequio_navideno",
        name="Obsequio navideño",
        fund_kind="welfare",
        article="Arts. 34-35",
        evidence="none",
        description="Obsequio de fin de año a cada asociado, en dinero o en especie, según la partida del Consejo.",
        checks=(
            *general(12, "Art. 35", fiscal_year=False, at="event_date", reading=CUT_DATE_READING),
            covered(SELF, article="Art. 34"),
            b.LimitPerYear(max_count=1, year_basis="event", article="Art. 34"),
        ),
        amount=b.ParameterAmount(
            parameter="obsequio_navideno_amount",
            set_in="la partida del Consejo de Administración",
            article="Art. 34",
        ),
        approver=MANAGEMENT,
        seniority_at="event_date",
    ),
    BenefitSpec(
        code="fidelizacion",
        name="Auxilio de fidelización",
        fund_kind="welfare",
        article="Arts. 36-37",
        evidence="none",
        description="Reconocimiento económico por antigüedad para promover la permanencia, según los parámetros del Consejo.",
        checks=(
            *general(2, "Art. 37", fiscal_year=False, at="event_date", reading=CUT_DATE_READING),
            covered(SELF, article="Art. 36"),
            b.LimitPerYear(max_count=1, year_basis="event", article="Art. 36"),
        ),
        amount=b.ParameterAmount(
            parameter="fidelizacion_amount",
            set_in="los parámetros del Consejo de Administración",
            article="Art. 37",
        ),
        approver=MANAGEMENT,
        seniority_at="event_date",
    ),
)

COUNCIL = "el Consejo de Administración"
COMMITTEE = "el Comité de solidaridad y bienestar social"
PARAMETERS = (
    ParameterSpec(
        name="annual_amount",
        label="Monto único anual por asociado",
        article="Art. 7",
        set_by=COUNCIL,
        defaults={2026: D("1500000")},
    ),
    ParameterSpec(
        name="plan_exequial_percent",
        label="Porcentaje de subsidio del plan exequial",
        article="Art. 21",
        set_by=COUNCIL,
        unit="percent",
        year_of="event_date",
    ),
    ParameterSpec(
        name="cultural_percent",
        label="Porcentaje de subsidio de programas culturales",
        article="Art. 27",
        set_by=COMMITTEE,
        unit="percent",
    ),
    ParameterSpec(
        name="capacitacion_percent",
        label="Porcentaje de subsidio de capacitaciones",
        article="Art. 29",
        set_by="la convocatoria del Comité de solidaridad y bienestar social",
        unit="percent",
        defaults={2023: D(80)},
        carry_forward=True,
    ),
    ParameterSpec(
        name="ceremonia_mejores_budget",
        label="Presupuesto de la Ceremonia los mejores, sin gastos de logística",
        article="Art. 31",
        set_by=COUNCIL,
        year_of="event_date",
    ),
    ParameterSpec(
        name="ceremonia_mejores_participants",
        label="Participantes escogidos para la Ceremonia los mejores",
        article="Art. 31",
        set_by=COMMITTEE,
        unit="count",
        year_of="event_date",
    ),
    ParameterSpec(
        name="programa_especial_amount",
        label="Valor del auxilio de programas especiales",
        article="Art. 33",
        set_by=COMMITTEE,
    ),
    ParameterSpec(
        name="obsequio_navideno_amount",
        label="Valor del obsequio navideño por asociado",
        article="Art. 34",
        set_by=COUNCIL,
        year_of="event_date",
    ),
    ParameterSpec(
        name="fidelizacion_amount",
        label="Valor del auxilio de fidelización",
        article="Art. 37",
        set_by=COUNCIL,
        year_of="event_date",
    ),
)

RULE_SETS = (
    RuleSet(
        cooperative="cemcop",
        name="CEMCOP",
        title="el Reglamento del Fondo de Bienestar Social de CEMCOP (Acuerdo 018-2023)",
        source="001_22308d817f12bb5c.txt",
        version="2023-04-26",
        effective_from=date(2023, 4, 26),
        chosen_by="requested_on",
        version_article="Art. 46",
        seniority_at="requested_on",
        smmlv_year_of="requested_on",
        smmlv_article="Arts. 23 y 25",
        budget_article="Art. 6 lit. e; Art. 8",
        benefits=QUOTA_BENEFITS + OTHER_BENEFITS,
        parameters=PARAMETERS,
        quota=b.AnnualQuota(group="A", parameter="annual_amount", table=ART7, article="Art. 7"),
        readings=(
            "La versión se elige por la fecha de radicación: el acuerdo rige desde su expedición, el 26 de abril "
            "de 2023, y deroga los anteriores (Art. 46).",
            ART7_READING,
            "El cupo del grupo A es el monto único del año de radicación por el porcentaje de antigüedad, menos "
            "lo otorgado ese año a los auxilios del grupo A (historial, por fecha de otorgamiento). Un auxilio "
            "mayor que el cupo disponible se paga hasta el cupo; sin cupo, se niega.",
            GASTRO_READING,
            "El SMMLV de los topes por persona (Arts. 23 y 25) es el del año de radicación, que es el año de la actividad.",
            DATA_READING,
            FISCAL_YEAR_READING,
            REGISTERED_READING,
            ARTICLE_49_READING,
            CUT_DATE_READING,
            "Los valores que el reglamento deja a la programación o a la partida del año (plan exequial, "
            "programas culturales y especiales, ceremonia, obsequio navideño, fidelización) son parámetros "
            "anuales sin valor por defecto: mientras no se registren, la simulación responde con un error que "
            "dice cuál falta.",
            "Las excepciones y reconsideraciones van al Comité (Art. 10 lit. a); la disponibilidad de recursos "
            "(Art. 6 lit. e y Art. 8) se verifica al aprobar, contra el presupuesto del fondo.",
        ),
    ),
)
