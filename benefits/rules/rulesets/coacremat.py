"""COACREMAT — Reglamento de auxilios del fondo de solidaridad y del fondo de bienestar social.

Source: ../shared/reglamentos/004_c8e04db254a4335c.txt (an OCR text: accents are
garbled). Approved on 28 February 2026 (acta 1085); it "rige a partir de la
fecha de su aprobación" and repeals earlier rules (Art. 38), so the version is
chosen by the filing date. Amounts are fixed pesos, kept as parameters so the
council can update them in the admin without a release.
"""

from datetime import date
from decimal import Decimal as D

from benefits.rules import blocks as b
from benefits.rules.ruleset import BenefitSpec, ParameterSpec, RuleSet

# --- Readings chosen where the text is ambiguous ------------------------------
SUSPENDED_READING = (
    "El reglamento no trata la suspensión de derechos; un asociado con derechos suspendidos por el Estatuto "
    "no puede usar los servicios mientras dure la sanción."
)
DEADLINE_READING = (
    "Los cuatro meses se cuentan desde la fecha del suceso hasta el mismo día cuatro meses después (o el "
    "último día del mes si no existe); no se corre a día hábil porque el texto no lo dice."
)
FISCAL_YEAR_READING = (
    "El año fiscal de un auxilio es el de su contabilización (Art. 18 par. 2): para los auxilios anteriores, "
    "la fecha de otorgamiento; para la solicitud, la fecha de radicación."
)
DEATH_ARREARS_READING = (
    "El Art. 2 pide estar al día al radicar; para la muerte del asociado el Art. 13, que es especial, admite "
    "hasta 60 días de mora en el momento del suceso, y solo se aplica esa regla. La mora del suceso se "
    "deduce de la del día en que se leyó el padrón (la acumulada después del fallecimiento no cuenta); la saldada después no se ve: "
    "el analista la verifica."
)
CAP_READING = "Un incentivo contra factura no supera el valor de la factura."
AMOUNTS_READING = (
    "Los valores en pesos del reglamento son parámetros con el valor del texto por defecto desde 2026; "
    "rigen hasta que el Consejo registre otros. El porcentaje de retención en la fuente (Arts. 13-17) se "
    "descuenta al pagar, fuera de este cálculo."
)

SELF = b.Covered("self")
FAMILY = (b.Covered("child"), b.Covered("spouse"), b.Covered("parent"))  # Art. 9
WELFARE = ("educacion", "salud", "deporte", "turismo")
WELFARE_NAMES = ("educación", "salud", "deporte", "turismo")

ORGANS = b.DetailInList(
    key="organ",
    label="órgano o miembro",
    allowed=(
        ("estómago", ()),
        ("hígado", ()),
        ("pulmón", ("pulmones",)),
        ("corazón", ()),
        ("bazo", ()),
        ("timo", ()),
        ("testículos", ("testiculo",)),
        ("pene", ()),
        ("próstata", ()),
        ("ovarios", ("ovario",)),
        ("clítoris", ()),
        ("útero", ()),
        ("páncreas", ()),
        ("riñón", ("riñones", "rinones")),
        ("vejiga", ()),
        ("cerebro", ()),
        ("médula", ("medula espinal", "médula espinal")),
        ("ojo", ("ojos",)),
        ("oído", ("oidos", "órgano vestíbulo-coclear", "organo vestibulo-coclear")),
        ("lengua", ()),
        ("huesos", ("hueso",)),
        ("músculos", ("musculo",)),
        ("brazo", ("brazos",)),
        ("mano", ("manos",)),
        ("dedos", ("dedo",)),
        ("pierna", ("piernas",)),
        ("pie", ("pies",)),
    ),
    excluded_note="Desmembración: pérdida de brazos, manos, dedos, piernas o pies.",
    article="Art. 17 par. 1",
)


def general(*, seniority=True, arrears=True) -> tuple:
    """Arts. 2, 5 and 6: up to date when filing, one year of membership, four months to file."""
    checks = [b.NotSuspended(article="Art. 2 (Estatuto)", reading=SUSPENDED_READING)]
    if arrears:
        checks.append(b.ArrearsAtMost(max_days=0, article="Art. 2"))
    if seniority:
        checks.append(b.MinimumSeniority(months=12, at="requested_on", article="Art. 5"))
    checks.append(b.MonthsWindow(months=4, article="Art. 6", reading=DEADLINE_READING))
    return tuple(checks)


STAFF = b.Approver(
    default="staff",
    body="el funcionario de la agencia",
    article="Art. 37",
    reading="El reglamento asigna la revisión a los funcionarios de las agencias y no nombra otro órgano que decida.",
)
ONE_WELFARE = b.WelfareOncePerFiscalYear(
    group=WELFARE, names=WELFARE_NAMES, article="Art. 18", reading=FISCAL_YEAR_READING
)
ONCE_A_FISCAL_YEAR = b.LimitPerYear(
    max_count=1, year_basis="booking", article="Art. 18", reading=FISCAL_YEAR_READING
)


def fixed(parameter: str, article: str) -> b.FixedAmount:
    return b.FixedAmount(parameter=parameter, article=article, reading=AMOUNTS_READING)


SOLIDARITY = (
    BenefitSpec(
        code="nacimiento",
        name="Auxilio de solidaridad por nacimiento de hijos",
        fund_kind="solidarity",
        article="Art. 10",
        evidence="documents",
        required_documents=("Registro civil de nacimiento",),
        description="Por asociado. Fecha del suceso: el nacimiento.",
        checks=(
            *general(),
            b.BeneficiaryCovered(covers=(b.Covered("child"),), article="Art. 8 lit. a; Art. 10"),
            b.OnceEver(per="beneficiary", article="Art. 10"),
        ),
        amount=fixed("nacimiento_amount", "Art. 10"),
        approver=STAFF,
    ),
    BenefitSpec(
        code="adopcion",
        name="Auxilio de solidaridad por adopción",
        fund_kind="solidarity",
        article="Art. 11",
        evidence="documents",
        required_documents=(
            "Documentación legal que estipule la adopción",
            "Fotocopia del registro civil de nacimiento",
        ),
        description="Por la adopción de hijos menores de 18 años. Fecha del suceso: emisión del documento que acredita la adopción.",
        checks=(
            *general(),
            b.BeneficiaryCovered(covers=(b.Covered("child", under=18),), article="Art. 11"),
            b.OnceEver(per="beneficiary", article="Art. 11"),
        ),
        amount=fixed("adopcion_amount", "Art. 11"),
        approver=STAFF,
    ),
    BenefitSpec(
        code="merito_academico",
        name="Auxilio de solidaridad por mérito académico",
        fund_kind="solidarity",
        article="Art. 12",
        evidence="documents",
        details=(
            "saber11_score",
            "saberpro_percent",
            "laureate_thesis",
        ),
        required_documents=(
            "Saber 11: resultados y certificación de que cursa grado 11 o acta de grado",
            "Saber Pro: resultados de la prueba",
            "Trabajo de grado: constancia de valoración como laureado o meritorio",
        ),
        description=(
            "Para asociados con Saber 11 superior a 300 puntos, Saber Pro superior al 60 % del máximo o trabajo "
            "de grado laureado o meritorio. Fecha del suceso: expedición de los resultados o del acto de reconocimiento."
        ),
        checks=(
            *general(),
            b.BeneficiaryCovered(covers=(SELF,), article="Art. 12"),
            b.AcademicMerit(article="Art. 12 lit. a-c"),
            b.MeritOncePerKind(
                article="Art. 12",
                reading="El texto no fija periodicidad: se paga una vez por cada mérito (Saber 11, Saber Pro, tesis).",
            ),
        ),
        amount=fixed("merito_academico_amount", "Art. 12"),
        approver=STAFF,
    ),
    BenefitSpec(
        code="muerte_asociado",
        name="Auxilio de solidaridad por muerte del asociado",
        fund_kind="solidarity",
        article="Art. 13",
        evidence="documents",
        required_documents=(
            "Acta o certificado de defunción",
            "Oficio de solicitud de pago de cada beneficiario registrado (preferiblemente autorizando a uno)",
        ),
        description=(
            "Se distribuye en los porcentajes que el asociado fijó para sus beneficiarios. Fecha del suceso: el "
            "fallecimiento (en desaparición forzada, el registro ante la entidad competente)."
        ),
        checks=(
            b.NotSuspended(article="Art. 2 (Estatuto)", reading=SUSPENDED_READING),
            b.ArrearsAtMost(
                max_days=60, at="event_date", article="Art. 13", reading=DEATH_ARREARS_READING
            ),
            b.MinimumSeniority(months=12, at="requested_on", article="Art. 5"),
            b.MonthsWindow(months=4, article="Art. 6", reading=DEADLINE_READING),
            b.BeneficiaryCovered(covers=(SELF,), article="Art. 13"),
            b.OnceEver(article="Art. 13"),
        ),
        amount=fixed("muerte_asociado_amount", "Art. 13"),
        approver=STAFF,
    ),
    BenefitSpec(
        code="muerte_familiar",
        name="Auxilio de solidaridad por muerte de un integrante del grupo familiar",
        fund_kind="solidarity",
        article="Art. 14",
        evidence="documents",
        required_documents=(
            "Certificado de defunción",
            "Documento legal que acredite el parentesco",
        ),
        description="Grupo familiar: hijos, cónyuge o compañero(a) permanente y padres (Art. 9). Por asociado.",
        checks=(
            *general(),
            b.BeneficiaryCovered(covers=FAMILY, article="Art. 9; Art. 14"),
            b.OnceEver(per="beneficiary", article="Art. 14"),
        ),
        amount=fixed("muerte_familiar_amount", "Art. 14"),
        approver=STAFF,
    ),
    BenefitSpec(
        code="enfermedad_terminal",
        name="Auxilio de solidaridad por enfermedad terminal del asociado",
        fund_kind="solidarity",
        article="Art. 15",
        evidence="documents",
        required_documents=("Epicrisis",),
        description="Deterioro irreversible de un órgano o función que ocasionará la muerte. Fecha del suceso: detección de la enfermedad.",
        checks=(
            *general(),
            b.BeneficiaryCovered(covers=(SELF,), article="Art. 15"),
            b.OnceEver(article="Art. 15"),
        ),
        amount=fixed("enfermedad_terminal_amount", "Art. 15"),
        approver=STAFF,
    ),
    BenefitSpec(
        code="incapacidad_permanente",
        name="Auxilio de solidaridad por incapacidad permanente del asociado",
        fund_kind="solidarity",
        article="Art. 16",
        evidence="documents",
        details=("lost_capacity_percent",),
        required_documents=(
            "Epicrisis",
            "Documento legal que acredite la declaratoria de la incapacidad",
        ),
        description="Incapacidad que impide laborar, con pérdida de capacidad laboral superior al 50 %. Fecha del suceso: la declaratoria.",
        checks=(
            *general(),
            b.BeneficiaryCovered(covers=(SELF,), article="Art. 16"),
            b.DetailAtLeast(
                key="lost_capacity_percent",
                minimum=D(50),
                strict=True,
                label="porcentaje de pérdida de capacidad laboral",
                article="Art. 16 par.",
            ),
            b.OnceEver(article="Art. 16"),
        ),
        amount=fixed("incapacidad_permanente_amount", "Art. 16"),
        approver=STAFF,
    ),
    BenefitSpec(
        code="trasplante_desmembracion",
        name="Auxilio de solidaridad por trasplante de órganos y desmembración",
        fund_kind="solidarity",
        article="Art. 17",
        evidence="documents",
        details=("organ",),
        required_documents=(
            "Epicrisis",
            "Certificación médica que acredite el trasplante o la desmembración",
        ),
        description="Fecha del suceso: la realización del trasplante o la desmembración.",
        checks=(
            *general(),
            b.BeneficiaryCovered(covers=(SELF,), article="Art. 17"),
            ORGANS,
            b.OncePerDetailValue(
                key="organ", label="órgano", kinds=ORGANS, article="Art. 17 par. 2"
            ),
        ),
        amount=fixed("trasplante_amount", "Art. 17"),
        approver=STAFF,
    ),
)

WELFARE_BENEFITS = (
    BenefitSpec(
        code="educacion",
        name="Auxilio de educación – aprovechamiento académico",
        fund_kind="welfare",
        article="Arts. 19-22",
        evidence="documents",
        details=(
            "period",
            "gpa",
            "all_passed",
            "qualitative_grades",
            "icetex",
        ),
        required_documents=(
            "Certificado de calificaciones del periodo académico (no reportes ni historiales)",
            "Certificación del código SNIES del programa (en el exterior, de la entidad competente)",
        ),
        description=(
            "Estudios técnicos, tecnológicos, profesionales y de posgrado en instituciones acreditadas. Se paga "
            "cada semestre una sola vez por modalidad de estudio (Art. 21). Fecha del suceso: terminación del periodo."
        ),
        checks=(
            *general(),
            b.BeneficiaryCovered(covers=(SELF,), article="Art. 19"),
            b.EducationGrades(article="Art. 22 num. 1 y par. 1"),
            b.DetailFlag(
                key="icetex",
                expected=False,
                default=False,
                ok_text="No recibe el auxilio en convenio con ICETEX por la misma modalidad.",
                fail_text="Quienes reciben el auxilio en convenio con ICETEX no pueden acceder a este por la misma modalidad.",
                article="Art. 22 par. transitorio",
            ),
            ONE_WELFARE,
            b.EducationPeriodsPerYear(
                article="Art. 18 par. 1; Art. 22 par. 1-2", reading=FISCAL_YEAR_READING
            ),
        ),
        amount=b.EducationAmount(
            parameter="educacion_semester_amount", article="Art. 20", reading=AMOUNTS_READING
        ),
        approver=STAFF,
    ),
    BenefitSpec(
        code="salud",
        name="Auxilio de salud",
        fund_kind="welfare",
        article="Arts. 23-25",
        evidence="invoice",
        supplier_kind="health",
        required_documents=(
            "Fórmula médica",
            "Factura electrónica o documento equivalente electrónico, con copia del RUT del proveedor (impreso hace menos de un año)",
        ),
        description=(
            "Medicamentos formulados, aparatos ortopédicos, lentes y monturas, exámenes e imágenes diagnósticas, "
            "vacunas y tratamientos odontológicos. Fecha del suceso: emisión de la factura."
        ),
        checks=(
            *general(),
            b.BeneficiaryCovered(covers=(SELF,), article="Art. 25 par."),
            ONE_WELFARE,
            ONCE_A_FISCAL_YEAR,
        ),
        amount=b.UpToParameter(parameter="salud_cap", article="Art. 24", reading=AMOUNTS_READING),
        approver=STAFF,
    ),
    BenefitSpec(
        code="deporte",
        name="Auxilio deportivo",
        fund_kind="welfare",
        article="Arts. 26-30",
        evidence="documents",
        details=(
            "level",
            "team",
            "position",
            "organized_by_cooperative",
        ),
        required_documents=(
            "Constancia de pertenecer a un club deportivo o liga legalmente reconocidos",
            "Constancia de participación con la jurisdicción de la competencia y el puesto en la clasificación final",
            "Récord deportivo firmado por el representante legal del club o escuela",
            "Aval del evento por la liga, federación, Ministerio del Deporte o entes deportivos",
        ),
        description="Eventos departamentales o nacionales reconocidos (los internacionales se homologan como nacionales). Fecha del suceso: el evento.",
        checks=(
            *general(),
            b.BeneficiaryCovered(covers=(SELF,), article="Art. 2; Art. 27"),
            b.SportPlacement(article="Arts. 27-30"),
            ONE_WELFARE,
            ONCE_A_FISCAL_YEAR,
        ),
        amount=b.ByChoice(
            key="level",
            options=(
                ("departmental", "Participación departamental", "deporte_departmental_amount"),
                (
                    "national",
                    "Participación nacional (o en otro país, homologada)",
                    "deporte_national_amount",
                ),
            ),
            also=(("international", "national"),),
            article="Art. 27 y par.",
            reading=AMOUNTS_READING,
        ),
        approver=STAFF,
    ),
    BenefitSpec(
        code="turismo",
        name="Auxilio de turismo",
        fund_kind="welfare",
        article="Arts. 31-32",
        evidence="invoice",
        details=("destination_country",),
        supplier_kind="tourism",
        required_documents=(
            "Factura electrónica o documento equivalente electrónico de una agencia de turismo legalmente "
            "constituida, con copia de su RUT (impreso hace menos de un año)",
            "Si la factura es para el grupo familiar: nombres de los demás viajeros o certificación de la agencia",
        ),
        description="Planes nacionales o internacionales (Ecuador cuenta como nacional). Fecha del suceso: emisión de la factura.",
        checks=(
            *general(),
            b.BeneficiaryCovered(covers=(SELF, *FAMILY), article="Art. 31 par. 1; Art. 9"),
            ONE_WELFARE,
            ONCE_A_FISCAL_YEAR,
        ),
        amount=b.CapAtClaimed(
            inner=b.TourismIncentive(
                national_parameter="turismo_national_amount",
                international_parameter="turismo_international_amount",
                article="Art. 32 y par.",
                reading=AMOUNTS_READING,
            ),
            what="valor de la factura",
            article="Art. 32",
            reading=CAP_READING,
        ),
        approver=STAFF,
    ),
    BenefitSpec(
        code="navidad",
        name="Incentivo de navidad",
        fund_kind="welfare",
        article="Arts. 33-34",
        evidence="none",
        description="Estímulo a la fidelidad de los asociados activos; redimible por los mecanismos que fije la cooperativa. No cuenta en el límite de un auxilio de bienestar por año.",
        checks=(
            b.NotSuspended(article="Art. 2 (Estatuto)", reading=SUSPENDED_READING),
            b.ArrearsAtMost(max_days=0, article="Art. 34 num. 2"),
            b.JoinedByEndOfPreviousYear(article="Art. 34 num. 1"),
            b.DataUpdatedWithin(months=12, article="Art. 34 num. 3"),
            b.BeneficiaryCovered(covers=(SELF,), article="Art. 33"),
            b.LimitPerYear(
                max_count=1,
                year_basis="event",
                article="Art. 33",
                reading=(
                    "El incentivo es anual: su año es el de la fecha del evento (la vigencia del incentivo). No "
                    "hay plazo de cuatro meses porque el Art. 6 no define un suceso para él; la afiliación exigida "
                    "es la del Art. 34 num. 1 en lugar del año de antigüedad del Art. 5."
                ),
            ),
        ),
        amount=b.ParameterAmount(
            parameter="navidad_amount", set_in="la reglamentación del incentivo", article="Art. 33"
        ),
        approver=STAFF,
    ),
)


def amount(name: str, label: str, article: str, value: int) -> ParameterSpec:
    return ParameterSpec(
        name=name,
        label=label,
        article=article,
        set_by="el Consejo de Administración",
        defaults={2026: D(value)},
        carry_forward=True,
    )


PARAMETERS = (
    amount("nacimiento_amount", "Auxilio por nacimiento", "Art. 10", 800_000),
    amount("adopcion_amount", "Auxilio por adopción", "Art. 11", 800_000),
    amount("merito_academico_amount", "Auxilio por mérito académico", "Art. 12", 1_200_000),
    amount("muerte_asociado_amount", "Auxilio por muerte del asociado", "Art. 13", 3_000_000),
    amount("muerte_familiar_amount", "Auxilio por muerte de un familiar", "Art. 14", 1_500_000),
    amount("enfermedad_terminal_amount", "Auxilio por enfermedad terminal", "Art. 15", 2_500_000),
    amount(
        "incapacidad_permanente_amount", "Auxilio por incapacidad permanente", "Art. 16", 2_000_000
    ),
    amount("trasplante_amount", "Auxilio por trasplante o desmembración", "Art. 17", 2_000_000),
    amount(
        "educacion_semester_amount",
        "Auxilio de educación por semestre o cuatrimestre",
        "Art. 20",
        500_000,
    ),
    amount("salud_cap", "Tope del auxilio de salud", "Art. 24", 300_000),
    amount("deporte_departmental_amount", "Incentivo deportivo departamental", "Art. 27", 200_000),
    amount("deporte_national_amount", "Incentivo deportivo nacional", "Art. 27", 300_000),
    amount("turismo_national_amount", "Incentivo de turismo nacional", "Art. 32", 200_000),
    amount(
        "turismo_international_amount", "Incentivo de turismo internacional", "Art. 32", 300_000
    ),
    ParameterSpec(
        name="navidad_amount",
        label="Valor del incentivo de navidad",
        article="Art. 33",
        set_by="el Consejo de Administración (reglamentación del incentivo)",
        year_of="event_date",
    ),
)

RULE_SETS = (
    RuleSet(
        cooperative="coacremat",
        name="COACREMAT",
        title="el Reglamento de auxilios de los fondos de solidaridad y de bienestar social de COACREMAT (febrero de 2026)",
        source="004_c8e04db254a4335c.txt",
        version="2026-02-28",
        effective_from=date(2026, 2, 28),
        chosen_by="requested_on",
        version_article="Art. 38",
        seniority_at="requested_on",
        smmlv_year_of="requested_on",
        smmlv_article="",
        budget_article="Considerando 6",
        benefits=SOLIDARITY + WELFARE_BENEFITS,
        parameters=PARAMETERS,
        readings=(
            "La versión se elige por la fecha de radicación: el acuerdo rige desde su aprobación, el 28 de "
            "febrero de 2026, y deroga las normas anteriores (Art. 38). El pie de página dice «28 de febrero de "
            "2025», pero el acta 1085 y la firma son de 2026.",
            "La antigüedad de un año se mide al radicar (Art. 5).",
            DEADLINE_READING,
            FISCAL_YEAR_READING,
            "Un solo auxilio de bienestar por año fiscal (Art. 18): otro auxilio de bienestar distinto en el año "
            "se niega; el mismo auxilio se rige por su propio límite (educación por periodos; salud, deporte y "
            "turismo una vez). El incentivo de navidad no cuenta.",
            DEATH_ARREARS_READING,
            CAP_READING,
            AMOUNTS_READING,
            SUSPENDED_READING,
            "Deporte: el auxilio es para el asociado deportista (Art. 2: los beneficiarios son los asociados).",
            "Educación: en programas anuales cada solicitud es un semestre; con una materia habilitada se "
            "reconoce un semestre en el año (Art. 22 par. 1-2).",
            "El incentivo de navidad no tiene valor en el reglamento: es un parámetro anual sin valor por defecto "
            "(navidad_amount); mientras no se registre, la simulación responde con un error que lo dice.",
        ),
    ),
)
