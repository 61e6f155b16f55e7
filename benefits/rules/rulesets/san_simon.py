"""Cooperativa Multiactiva San Simón — requisitos y montos de los auxilios.

Source: ../shared/reglamentos/002_7ac2f55d1f70f749.txt. The document has no
article numbers and no date: rules cite its sections ("§ Compra de vivienda")
and the final note ("§ Nota final": 60 business days, 12 months). With no
date, the only version covers every filing until the cooperative hands in
another one; it is chosen by the filing date.
"""

from datetime import date
from decimal import Decimal as D

from benefits.rules import blocks as b
from benefits.rules.ruleset import BenefitSpec, ParameterSpec, RuleSet

NOTE = "§ Nota final"

# --- Readings chosen where the text is ambiguous ------------------------------
MONTHS_READING = (
    "Se cuentan meses completos de afiliación a la fecha del evento, así que «12 a 36» y «37 a 60» no dejan "
    "huecos: con 36 meses y 20 días aplica la primera banda; «mayores a 60 meses» empieza en 61."
)
GAP_73_READING = (
    "El texto dice «37 a 72 meses» y luego «Más de 73 meses»: 73 meses no cae en ninguna banda. Se lee "
    "«desde 73 meses» (la banda que sigue a la de 72)."
)
FUNERAL_READING = (
    "El texto dice «De 24 meses a 35 meses» y luego «Más de 36 a 48 meses»: 36 meses no cae en ninguna "
    "banda. Se lee como la banda de 36 a 48 meses (85 %); «más de 48» empieza en 49 meses."
)
INCAPACITY_READING = (
    "El texto dice «superior a Veinticinco (20) días»: el número en cifras, el título y el requisito de "
    "documentos dicen 20, así que se exige una incapacidad superior a 20 días continuos (21 o más)."
)
GPA_READING = (
    "El texto pide «promedio de notas de 4.0» y en la lista «superior a 4»: se exige 4,0 o más (la cifra "
    "del párrafo que define el auxilio)."
)
SMMLV_READING = (
    "El documento no dice de qué año es el SMMLV «vigente»: se usa el del año de radicación, el más "
    "cercano al pago que el motor conoce."
)
SUSPENDED_READING = (
    "El documento no trata la suspensión de derechos; un asociado con derechos suspendidos por el Estatuto "
    "no puede usar los servicios mientras dure la sanción."
)
CAP_READING = "Un reembolso no supera lo pagado: si la factura es menor que el auxilio, se reconoce el valor de la factura."
APPROVER_READING = (
    "El documento no dice quién aprueba cada auxilio: decide la administración, salvo donde nombra al "
    "Comité de solidaridad (desempleo, enfermedad de alto costo, bono de fidelización, auxilio "
    "universitario del asociado o de un nieto)."
)


def months_table(*rows, reading=MONTHS_READING) -> b.SeniorityTable:
    return b.SeniorityTable(
        kind="from_months",
        bands=tuple(b.from_months(m, label, v) for m, label, v in rows),
        reading=reading,
    )


# "12 y 36 / 37 y 60 / mayores a 60": vivienda, vehículo, movilidad asistida.
def table_60(low, mid, high) -> b.SeniorityTable:
    return months_table(
        (12, "Entre 12 y 36 meses", low),
        (37, "Entre 37 y 60 meses", mid),
        (61, "Mayores a 60 meses", high),
    )


# "12 a 36 / 37 a 72 / más de 73": nuevo pensionado, enfermedad de alto costo.
TABLE_72 = months_table(
    (12, "12 a 36 meses", "0.15"),
    (37, "37 a 72 meses", "0.30"),
    (73, "Más de 73 meses (desde 73)", "0.50"),
    reading=f"{MONTHS_READING} {GAP_73_READING}",
)
# "12 a 23 / 24 a 36 / más de 36": calamidad, mutualista, licencia de maternidad.
TABLE_36 = months_table(
    (12, "12 a 23 meses", "0.15"), (24, "24 a 36 meses", "0.20"), (37, "Más de 36 meses", "0.30")
)
FUNERAL_TABLE = months_table(
    (12, "De 12 a 23 meses", "0.30"),
    (24, "De 24 a 35 meses", "0.50"),
    (36, "Más de 36 a 48 meses (desde 36)", "0.85"),
    (49, "Más de 48 meses", "1.15"),
    reading=f"{MONTHS_READING} {FUNERAL_READING}",
)

SELF = b.Covered("self")
STAFF = b.Approver(
    default="staff", body="la administración", article=NOTE, reading=APPROVER_READING
)


def committee(section: str) -> b.Approver:
    return b.Approver(
        default="committee",
        body="el Comité de solidaridad",
        article=section,
        reading=APPROVER_READING,
    )


def general(section: str, *, arrears: bool = True) -> tuple:
    """What every auxilio asks: rights, 'estar al día', 12 months before the event, 60 business days."""
    checks = [b.NotSuspended(article="Estatuto", reading=SUSPENDED_READING)]
    if arrears:
        checks.append(b.ArrearsAtMost(max_days=0, article=f"{section} («Estar al día»)"))
    checks += [
        b.MinimumSeniority(months=12, at="event_date", article=NOTE),
        b.BusinessDaysWindow(days=60, article=NOTE),
    ]
    return tuple(checks)


LETTER = "Carta de solicitud del auxilio en formato físico"
ID = "Copia de la cédula del asociado"


def docs(*items) -> tuple[str, ...]:
    return (LETTER, "Estar al día en sus obligaciones", *items)


BENEFITS = (
    BenefitSpec(
        code="vivienda",
        name="Auxilio compra o remodelación de vivienda",
        fund_kind="welfare",
        article="§ Compra de vivienda",
        evidence="documents",
        required_documents=docs("Copia auténtica de la compraventa", ID),
        description="Solo para el asociado titular y por una única vez. Fecha del evento: la compraventa.",
        checks=(
            *general("§ Compra de vivienda"),
            b.BeneficiaryCovered(covers=(SELF,), article="§ Compra de vivienda"),
            b.OnceEver(article="§ Compra de vivienda"),
        ),
        amount=b.SmmlvBySeniority(
            table=table_60("0.20", "0.25", "0.30"),
            article="§ Compra de vivienda",
            reading=SMMLV_READING,
        ),
        approver=STAFF,
    ),
    BenefitSpec(
        code="vehiculo",
        name="Auxilio compra de vehículo",
        fund_kind="welfare",
        article="§ Compra de vehículo",
        evidence="documents",
        required_documents=docs(
            "Copia de la tarjeta de propiedad con no más de 60 días de expedición", ID
        ),
        description="Vehículo motorizado; solo el asociado titular, por una única vez. Fecha del evento: expedición de la tarjeta de propiedad.",
        checks=(
            *general("§ Compra de vehículo"),
            b.DocumentAge(days=60, document="tarjeta de propiedad", article="§ Compra de vehículo"),
            b.BeneficiaryCovered(covers=(SELF,), article="§ Compra de vehículo"),
            b.OnceEver(article="§ Compra de vehículo"),
        ),
        amount=b.SmmlvBySeniority(
            table=table_60("0.10", "0.15", "0.20"),
            article="§ Compra de vehículo",
            reading=SMMLV_READING,
        ),
        approver=STAFF,
    ),
    BenefitSpec(
        code="desempleo",
        name="Auxilio de desempleo (pago de cartera con la cooperativa)",
        fund_kind="solidarity",
        article="§ Desempleo",
        evidence="documents",
        required_documents=(
            LETTER,
            "Certificación con el motivo o causa del retiro, fecha de ingreso, fecha de retiro y tipo de contrato",
            ID,
        ),
        description=(
            "Por pérdida del empleo, una única vez, para pagar únicamente cartera con San Simón. Si el asociado "
            "está en mora por la pérdida del empleo, el auxilio se aplica a su cartera (parágrafo 1). Fecha del "
            "evento: el retiro del empleo."
        ),
        checks=(
            *general("§ Desempleo", arrears=False),
            b.BeneficiaryCovered(covers=(SELF,), article="§ Desempleo"),
            b.OnceEver(article="§ Desempleo"),
        ),
        amount=b.ParameterAmount(
            parameter="desempleo_amount",
            set_in="el Comité de solidaridad",
            article="§ Desempleo",
            reading=(
                "El documento no fija el valor del auxilio de desempleo ni exige estar al día (la mora por la "
                "pérdida del empleo es justamente lo que paga): el valor es un parámetro anual del Comité."
            ),
        ),
        approver=committee("§ Desempleo, par. 2"),
    ),
    BenefitSpec(
        code="nuevo_pensionado",
        name="Auxilio por nuevo pensionado",
        fund_kind="welfare",
        article="§ Nuevo pensionado",
        evidence="documents",
        details=("received_first_pension_payment",),
        required_documents=docs("Copia autenticada de la resolución de pensión", ID),
        description="Al asociado que se retira definitivamente de su empleo antes de recibir la primera mesada; una sola vez. Fecha del evento: el retiro.",
        checks=(
            *general("§ Nuevo pensionado"),
            b.BeneficiaryCovered(covers=(SELF,), article="§ Nuevo pensionado"),
            b.IsPensioner(
                article="§ Nuevo pensionado",
                reading="La resolución de pensión se refleja en associate.pensioner.",
            ),
            b.DetailFlag(
                key="received_first_pension_payment",
                expected=False,
                default=False,
                ok_text="No ha recibido la primera mesada pensional.",
                fail_text="Ya recibiste la primera mesada pensional: el auxilio es para antes de recibirla.",
                article="§ Nuevo pensionado",
            ),
            b.OnceEver(article="§ Nuevo pensionado"),
        ),
        amount=b.SmmlvBySeniority(
            table=TABLE_72, article="§ Nuevo pensionado", reading=SMMLV_READING
        ),
        approver=STAFF,
    ),
    BenefitSpec(
        code="educativo_basica",
        name="Auxilio educativo primaria, básica secundaria y media vocacional",
        fund_kind="welfare",
        article="§ Educativo primaria y secundaria",
        evidence="documents",
        details=("excellence_share",),
        required_documents=docs(
            "Boletín acumulativo con el 50 % de las notas en excelencia (Alto – Superior)",
            "Copia del registro civil del beneficiario autenticado o documento original",
            "Documento de identificación del beneficiario",
            ID,
            "Original del certificado de notas",
        ),
        description="Una vez al año por cada hijo (o nieto, o el asociado) que curse primaria, secundaria o media vocacional.",
        checks=(
            *general("§ Educativo primaria y secundaria"),
            b.BeneficiaryCovered(
                covers=(b.Covered("child"), b.Covered("grandchild"), SELF),
                article="§ Educativo primaria y secundaria",
                reading="El primer párrafo nombra a hijos, nietos y asociados; el segundo solo a hijos: se cubren los tres.",
            ),
            b.DetailAtLeast(
                key="excellence_share",
                minimum=D("0.5"),
                as_percent=True,
                label="notas en excelencia (Alto – Superior)",
                article="§ Educativo primaria y secundaria",
            ),
            b.LimitPerYear(per="beneficiary", article="§ Educativo primaria y secundaria"),
        ),
        amount=b.SmmlvShare(
            factor=D("0.08"), article="§ Educativo primaria y secundaria", reading=SMMLV_READING
        ),
        approver=STAFF,
    ),
    BenefitSpec(
        code="educativo_universitario",
        name="Auxilio educativo universitario",
        fund_kind="welfare",
        article="§ Educativo universitario",
        evidence="documents",
        details=(
            "gpa",
            "qualifying_children",
        ),
        required_documents=docs(
            "Certificado de notas expedido por registro académico (original)",
            ID,
            "Copia del registro civil del beneficiario",
            "Copia del documento de identidad del beneficiario",
            "Si no tiene hijos beneficiarios: oficio al Comité de solidaridad informándolo",
        ),
        description=(
            "Para hijos en pregrado o posgrado en universidades autorizadas, que dependan económicamente del "
            "asociado; una vez al año por asociado. Sin hijos beneficiarios, el beneficiario es el asociado o un nieto."
        ),
        checks=(
            *general("§ Educativo universitario"),
            b.BeneficiaryCovered(
                covers=(b.Covered("child"), SELF, b.Covered("grandchild")),
                article="§ Educativo universitario y parágrafo",
            ),
            b.DetailAtLeast(
                key="gpa",
                minimum=D("4.0"),
                label="promedio de notas",
                article="§ Educativo universitario",
                reading=GPA_READING,
            ),
            b.LimitPerYear(article="§ Educativo universitario"),
        ),
        amount=b.SplitAmongChildren(
            single=D("0.15"),
            several=D("0.18"),
            article="§ Educativo universitario",
            reading=f"{SMMLV_READING} Una solicitud por asociado y año cubre a todos los hijos que cumplen (details.qualifying_children, 1 si no se indica).",
        ),
        approver=b.Approver(
            default="staff",
            body="la administración",
            article="§ Educativo universitario",
            escalations=(
                b.BeneficiaryIs(
                    relationships=("self", "grandchild"),
                    to="committee",
                    article="§ Educativo universitario, parágrafo",
                    text="el asociado sin hijos beneficiarios debe acreditarlo ante el Comité de solidaridad",
                ),
            ),
            reading=APPROVER_READING,
        ),
    ),
    BenefitSpec(
        code="calamidad_domestica",
        name="Auxilio por calamidad doméstica",
        fund_kind="solidarity",
        article="§ Calamidad doméstica",
        evidence="documents",
        required_documents=docs(
            "Certificado de ente gubernamental o de control",
            ID,
            "Documentos probatorios",
            "Denuncias",
        ),
        description="Pérdida de bienes por hurto, o incendio de la residencia o del negocio; una única vez al asociado titular.",
        checks=(
            *general("§ Calamidad doméstica"),
            b.BeneficiaryCovered(covers=(SELF,), article="§ Calamidad doméstica"),
            b.OnceEver(article="§ Calamidad doméstica"),
        ),
        amount=b.SmmlvBySeniority(
            table=TABLE_36, article="§ Calamidad doméstica", reading=SMMLV_READING
        ),
        approver=STAFF,
    ),
    BenefitSpec(
        code="mutualista",
        name="Auxilio mutualista",
        fund_kind="mutual",
        article="§ Mutualista",
        evidence="documents",
        required_documents=docs(
            "Copia del documento de identidad de los beneficiarios (cónyuge e hijos)",
            "Copia del registro civil del beneficiario y/o acta de matrimonio",
            "Registro civil de defunción",
            "Acta de defunción",
            "Copia de la cédula del asociado titular",
        ),
        description="Para el cónyuge del asociado fallecido. Fecha del evento: el fallecimiento; la antigüedad es la del asociado fallecido.",
        checks=(
            *general("§ Mutualista"),
            b.BeneficiaryCovered(covers=(b.Covered("spouse"),), article="§ Mutualista"),
            b.OnceEver(article="§ Mutualista"),
        ),
        amount=b.SmmlvBySeniority(table=TABLE_36, article="§ Mutualista", reading=SMMLV_READING),
        approver=STAFF,
    ),
    BenefitSpec(
        code="perseverancia",
        name="Auxilio de perseverancia por antigüedad",
        fund_kind="welfare",
        article="§ Perseverancia por antigüedad",
        evidence="documents",
        required_documents=docs(ID),
        description="Por la continuidad como afiliado. Fecha del evento: la fecha en que el asociado pide el reconocimiento (con el hito ya cumplido).",
        checks=(
            *general("§ Perseverancia por antigüedad"),
            b.MinimumSeniority(
                months=60, at="event_date", article="§ Perseverancia por antigüedad"
            ),
            b.BeneficiaryCovered(covers=(SELF,), article="§ Perseverancia por antigüedad"),
            b.OncePerMilestone(
                milestone_years=(5, 10, 15, 20),
                article="§ Perseverancia por antigüedad",
                reading="Se paga una vez por cada hito (5, 10, 15 y 20 años); entre hitos corresponde el último alcanzado si aún no se pagó.",
            ),
        ),
        amount=b.MilestoneShare(
            milestones=((5, D("0.15")), (10, D("0.30")), (15, D("0.40")), (20, D(1))),
            article="§ Perseverancia por antigüedad",
            reading=SMMLV_READING,
        ),
        approver=STAFF,
    ),
    BenefitSpec(
        code="enfermedad_alto_costo",
        name="Auxilio por enfermedad de alto costo",
        fund_kind="solidarity",
        article="§ Enfermedad de alto costo",
        evidence="documents",
        required_documents=(
            LETTER,
            "Estar al día en sus obligaciones",
            "Copia de la cédula del asociado titular",
            "Historia clínica completa del asociado",
        ),
        description="Cáncer, sida, lupus, glaucoma, diálisis y otras que considere el Comité; una única vez como asociado.",
        checks=(
            *general("§ Enfermedad de alto costo"),
            b.BeneficiaryCovered(covers=(SELF,), article="§ Enfermedad de alto costo"),
            b.OnceEver(article="§ Enfermedad de alto costo"),
        ),
        amount=b.SmmlvBySeniority(
            table=TABLE_72, article="§ Enfermedad de alto costo", reading=SMMLV_READING
        ),
        approver=committee("§ Enfermedad de alto costo"),
    ),
    BenefitSpec(
        code="movilidad_asistida",
        name="Auxilio por compra o arrendamiento de equipos para movilidad asistida",
        fund_kind="solidarity",
        article="§ Movilidad asistida",
        evidence="invoice",
        supplier_kind="health",
        required_documents=(
            "Carta de solicitud del asociado en formato físico",
            "Estar al día en sus obligaciones",
            "Copia del documento de identidad del beneficiario",
            "Copia del registro civil del asociado (padres) o del beneficiario (hijos); acta de matrimonio (cónyuge)",
            "Historia clínica del beneficiario que demuestre la incapacidad y la necesidad de los equipos",
            "Factura original de la compra o certificado del arrendamiento de los equipos",
        ),
        description="Sillas de ruedas, muletas, bastones, andadores o triciclos motorizados para el asociado, sus padres, hijos o cónyuge.",
        checks=(
            *general("§ Movilidad asistida"),
            b.BeneficiaryCovered(
                covers=(SELF, b.Covered("parent"), b.Covered("child"), b.Covered("spouse")),
                article="§ Movilidad asistida",
            ),
            b.NotAfterOther(
                other="intervencion_quirurgica",
                other_name="intervención quirúrgica",
                article="§ Intervención quirúrgica, parágrafo",
                reading="La exclusión se aplica al mismo beneficiario dentro del mismo año calendario.",
            ),
        ),
        amount=b.CapAtClaimed(
            inner=b.SmmlvBySeniority(
                table=table_60("0.10", "0.15", "0.20"),
                article="§ Movilidad asistida",
                reading=SMMLV_READING,
            ),
            article="§ Movilidad asistida",
            reading=CAP_READING,
        ),
        approver=STAFF,
    ),
    BenefitSpec(
        code="odontologia_especial",
        name="Auxilio de odontología especial",
        fund_kind="solidarity",
        article="§ Odontología especial",
        evidence="invoice",
        supplier_kind="health",
        required_documents=docs(
            "Copia de la cédula de ciudadanía del asociado", "Factura original"
        ),
        description="Ortodoncia, exodoncia y tratamiento de conductos del asociado titular. amount_claimed: costo del tratamiento.",
        checks=(
            *general("§ Odontología especial"),
            b.BeneficiaryCovered(covers=(SELF,), article="§ Odontología especial"),
        ),
        amount=b.CapAtClaimed(
            inner=b.CostBrackets(
                brackets=(
                    b.Bracket("Hasta 3 SMMLV", D(3), D("0.10"), in_smmlv=True),
                    b.Bracket("Entre 3,1 y 7 SMMLV (más de 3)", D(7), D("0.20"), in_smmlv=True),
                    b.Bracket("Superiores a 7 SMMLV", None, D("0.25")),
                ),
                base_label="costo odontológico",
                article="§ Odontología especial",
                reading=f"«Entre 3,1 y 7 salarios» se lee como «más de 3 y hasta 7 SMMLV» (sin hueco entre 3 y 3,1). {SMMLV_READING}",
            ),
            what="costo del tratamiento",
            article="§ Odontología especial",
            reading=CAP_READING,
        ),
        approver=STAFF,
    ),
    BenefitSpec(
        code="licencia_maternidad",
        name="Auxilio licencia de maternidad",
        fund_kind="solidarity",
        article="§ Licencia de maternidad",
        evidence="documents",
        required_documents=docs(
            "Fotocopia autenticada de la licencia de maternidad (o documentos del ICBF en caso de adopción)",
            "Copia de la cédula de la asociada",
        ),
        description="Para la asociada, por maternidad o adopción. Fecha del evento: el parto o la adopción.",
        checks=(
            *general("§ Licencia de maternidad"),
            b.AssociateGender(gender="F", article="§ Licencia de maternidad"),
            b.BeneficiaryCovered(
                covers=(SELF, b.Covered("child")), article="§ Licencia de maternidad"
            ),
            b.OnceEver(per="event", article="§ Licencia de maternidad"),
        ),
        amount=b.SmmlvBySeniority(
            table=TABLE_36, article="§ Licencia de maternidad", reading=SMMLV_READING
        ),
        approver=STAFF,
    ),
    BenefitSpec(
        code="incapacidad_medica",
        name="Auxilio por incapacidad médica",
        fund_kind="solidarity",
        article="§ Incapacidad médica",
        evidence="documents",
        details=("days",),
        required_documents=docs(
            "Copia de la cédula de ciudadanía del asociado",
            "Historia clínica que acredite la patología",
            "Incapacidad médica original superior a 20 días continuos",
        ),
        description="Únicamente el asociado titular, certificada por su EPS; una sola vez en el año. Fecha del evento: inicio de la incapacidad.",
        checks=(
            *general("§ Incapacidad médica"),
            b.BeneficiaryCovered(covers=(SELF,), article="§ Incapacidad médica"),
            b.DetailAtLeast(
                key="days",
                minimum=D(20),
                strict=True,
                label="días de incapacidad continuos",
                article="§ Incapacidad médica",
                reading=INCAPACITY_READING,
            ),
            b.LimitPerYear(article="§ Incapacidad médica"),
        ),
        amount=b.SmmlvShare(
            factor=D("0.20"), article="§ Incapacidad médica", reading=SMMLV_READING
        ),
        approver=STAFF,
    ),
    BenefitSpec(
        code="medicamentos_hijos",
        name="Auxilio por compra de medicamentos para hijos menores de 12 años",
        fund_kind="solidarity",
        article="§ Compra de medicamentos",
        evidence="invoice",
        supplier_kind="pharmacy",
        required_documents=docs(
            "Copia de la cédula de ciudadanía del asociado",
            "Factura original de pago de los medicamentos",
            "Registro civil de nacimiento del beneficiario original",
            "Copia del documento de identidad del beneficiario",
        ),
        description=(
            "Medicamentos de fórmulas de consultas médicas de hijos menores de 12 años, no cubiertos por la EPS; "
            "una vez al año por hijo. amount_claimed: valor de los medicamentos."
        ),
        checks=(
            *general("§ Compra de medicamentos"),
            b.BeneficiaryCovered(
                covers=(b.Covered("child", under=12),), article="§ Compra de medicamentos"
            ),
            b.LimitPerYear(per="beneficiary", article="§ Compra de medicamentos"),
        ),
        amount=b.CostBrackets(
            brackets=(
                b.Bracket("Hasta $100.000", D(100000), D("0.25"), of_cost=True),
                b.Bracket("Desde $100.001 hasta $350.000", D(350000), D("0.15"), of_cost=True),
                b.Bracket("Desde $350.001 en adelante", None, D("0.10")),
            ),
            base_label="valor de los medicamentos",
            article="§ Compra de medicamentos",
            reading=(
                "Los rangos se leen sin huecos: hasta $100.000; más de $100.000 y hasta $350.000; más de $350.000. "
                f"{SMMLV_READING}"
            ),
        ),
        approver=STAFF,
    ),
    BenefitSpec(
        code="lentes_monturas",
        name="Auxilio de lentes y monturas",
        fund_kind="solidarity",
        article="§ Lentes y monturas",
        evidence="invoice",
        supplier_kind="optics",
        required_documents=docs("Factura original", ID),
        description="Únicamente para el asociado titular. El documento no fija una periodicidad.",
        checks=(
            *general("§ Lentes y monturas"),
            b.BeneficiaryCovered(covers=(SELF,), article="§ Lentes y monturas"),
        ),
        amount=b.CapAtClaimed(
            inner=b.SmmlvShare(
                factor=D("0.10"), article="§ Lentes y monturas", reading=SMMLV_READING
            ),
            what="valor de la factura",
            article="§ Lentes y monturas",
            reading=CAP_READING,
        ),
        approver=STAFF,
    ),
    BenefitSpec(
        code="intervencion_quirurgica",
        name="Auxilio por intervención quirúrgica",
        fund_kind="solidarity",
        article="§ Intervención quirúrgica",
        evidence="invoice",
        supplier_kind="health",
        required_documents=docs(
            "Copia de la cédula de ciudadanía del asociado",
            "Factura original de pago de los gastos quirúrgicos",
            "Copia de la cédula del beneficiario si aplica",
            "Registro civil del asociado (si son los padres)",
            "Partida de matrimonio o declaración extrajuicio (si es el cónyuge)",
        ),
        description=(
            "Cirugías, honorarios, traumatología y ortopedia de padres o cónyuge en centros autorizados, no "
            "cubiertos por la EPS. Si se aprueba, no se puede pedir el de movilidad asistida. amount_claimed: costo quirúrgico."
        ),
        checks=(
            *general("§ Intervención quirúrgica"),
            b.BeneficiaryCovered(
                covers=(b.Covered("parent"), b.Covered("spouse")),
                article="§ Intervención quirúrgica",
            ),
        ),
        amount=b.CapAtClaimed(
            inner=b.CostBrackets(
                brackets=(
                    b.Bracket("Hasta 2 SMMLV", D(2), D("0.10"), in_smmlv=True),
                    b.Bracket("Entre 2,1 y 5 SMMLV (más de 2)", D(5), D("0.20"), in_smmlv=True),
                    b.Bracket("Superiores a 5 SMMLV", None, D("0.30")),
                ),
                base_label="costo quirúrgico",
                article="§ Intervención quirúrgica",
                reading=f"«Entre 2.1 y cinco salarios» se lee como «más de 2 y hasta 5 SMMLV». {SMMLV_READING}",
            ),
            what="costo quirúrgico",
            article="§ Intervención quirúrgica",
            reading=CAP_READING,
        ),
        approver=STAFF,
    ),
    BenefitSpec(
        code="funebre",
        name="Auxilio fúnebre",
        fund_kind="solidarity",
        article="§ Auxilio fúnebre",
        evidence="documents",
        details=("used_funeral_service",),
        required_documents=docs(
            "Factura de la funeraria que prestó el servicio y quién lo ordenó",
            "Copia del registro civil del beneficiario",
            "Copia del documento de identidad del beneficiario",
            "Registro civil original de defunción",
            ID,
            "Copia del acta de defunción autenticada",
        ),
        description=(
            "Cuando el asociado no usa el servicio fúnebre de la cooperativa, un auxilio por los gastos "
            "fúnebres del asociado, su cónyuge, hijos dependientes, padres o (si es soltero) hermanos. "
            "Fecha del evento: el fallecimiento."
        ),
        checks=(
            *general("§ Auxilio fúnebre"),
            b.BeneficiaryCovered(
                covers=(
                    SELF,
                    b.Covered("spouse"),
                    b.Covered("child", under=26, disabled_any_age=True),
                    b.Covered("parent"),
                    b.Covered("sibling", under=25, disabled_any_age=True, requires_single=True),
                ),
                article="§ Auxilio fúnebre",
                reading=(
                    "«Hijos hasta los 25 años cumplidos» incluye los 25 años (hasta antes de cumplir 26), a "
                    "diferencia de «hermanos menores de 25 años»; la discapacidad certificada quita el límite de edad."
                ),
            ),
            b.DetailFlag(
                key="used_funeral_service",
                expected=False,
                ok_text="No se usó el servicio fúnebre de la cooperativa: procede el auxilio en dinero.",
                fail_text="Se usó el servicio fúnebre de la cooperativa: el auxilio en dinero solo procede cuando no se usa.",
                article="§ Auxilio fúnebre",
            ),
            b.OnceEver(per="beneficiary", article="§ Auxilio fúnebre"),
        ),
        amount=b.SmmlvBySeniority(
            table=FUNERAL_TABLE, article="§ Auxilio fúnebre", reading=SMMLV_READING
        ),
        approver=STAFF,
    ),
    BenefitSpec(
        code="examenes_pensionado",
        name="Exámenes de laboratorio gratuitos al pensionado",
        fund_kind="solidarity",
        article="§ Exámenes al pensionado",
        evidence="invoice",
        supplier_kind="health",
        required_documents=docs("Copia de la cédula de ciudadanía del asociado"),
        description=(
            "Una vez al año: cuadro hemático, glicemia, perfil lipídico, citología, antígeno prostático, "
            "electrocardiograma, rayos X de tórax y parcial de orina. amount_claimed: costo de esos exámenes."
        ),
        checks=(
            *general("§ Exámenes al pensionado"),
            b.BeneficiaryCovered(covers=(SELF,), article="§ Exámenes al pensionado"),
            b.IsPensioner(article="§ Exámenes al pensionado"),
            b.LimitPerYear(article="§ Exámenes al pensionado"),
        ),
        amount=b.ClaimedAmount(
            what="costo de los exámenes",
            article="§ Exámenes al pensionado",
            reading="Los exámenes son gratuitos: si el asociado los pagó, se reembolsa su costo.",
        ),
        approver=STAFF,
    ),
    BenefitSpec(
        code="consultas_hijos",
        name="Auxilio de consultas médicas generales y especializadas para hijos",
        fund_kind="solidarity",
        article="§ Consultas médicas",
        evidence="invoice",
        supplier_kind="health",
        required_documents=docs(
            "Copia de la cédula de ciudadanía del asociado",
            "Registro civil del hijo beneficiario",
            "Copia de la tarjeta de identidad del beneficiario",
            "Soporte de pago (para el reembolso)",
        ),
        description="Menores de 12 años: tres consultas generales; desde los 12 años: dos especializadas. Orden de la cooperativa o reembolso.",
        checks=(
            *general("§ Consultas médicas"),
            b.BeneficiaryCovered(covers=(b.Covered("child"),), article="§ Consultas médicas"),
            b.ConsultationsPerYear(
                article="§ Consultas médicas",
                reading="Los cupos de consultas son por hijo y por año calendario del evento; «mayores de doce años» se lee desde los 12.",
            ),
        ),
        amount=b.ClaimedAmount(what="valor pagado por la consulta", article="§ Consultas médicas"),
        approver=STAFF,
    ),
    BenefitSpec(
        code="bono_nacimiento",
        name="Bono solidario por nacimiento",
        fund_kind="welfare",
        article="§ Bonos solidarios",
        evidence="documents",
        required_documents=docs("Registro civil de nacimiento del hijo", ID),
        description=(
            "Bono para abrir la cuenta de ahorro programado del recién nacido, con un ahorro mensual mínimo del "
            "50 % de un día de SMMLV durante un año."
        ),
        checks=(
            *general("§ Bonos solidarios"),
            b.BeneficiaryCovered(covers=(b.Covered("child"),), article="§ Bonos solidarios"),
            b.OnceEver(per="beneficiary", article="§ Bonos solidarios"),
        ),
        amount=b.SmmlvShare(factor=D("0.10"), article="§ Bonos solidarios", reading=SMMLV_READING),
        approver=STAFF,
    ),
    BenefitSpec(
        code="bono_fidelizacion",
        name="Bono solidario de fidelización",
        fund_kind="welfare",
        article="§ Bonos solidarios (fidelización)",
        evidence="documents",
        details=("loan_term_months",),
        required_documents=(LETTER, "Cero días de mora en las cuotas del crédito", ID),
        description=(
            "Para el asociado con cartera solo en San Simón o que no venda su cartera; se abona a la última "
            "cuota del crédito. amount_claimed: valor de esa cuota; details.loan_term_months: plazo del crédito."
        ),
        checks=(
            *general("§ Bonos solidarios (fidelización)"),
            b.BeneficiaryCovered(covers=(SELF,), article="§ Bonos solidarios (fidelización)"),
        ),
        amount=b.LoanTermShare(
            bands=(
                (1, 36, D("0.20")),
                (37, 72, D("0.30")),
                (73, 108, D("0.40")),
                (109, 144, D("0.50")),
            ),
            cap_smmlv=D("0.5"),
            article="§ Bonos solidarios, parágrafo",
            reading=(
                "«PLAZO» es el plazo del crédito en meses (details.loan_term_months); un plazo mayor de 144 meses "
                f"toma la última fila. {SMMLV_READING}"
            ),
        ),
        approver=committee("§ Bonos solidarios, parágrafo"),
    ),
)

RULE_SETS = (
    RuleSet(
        cooperative="san-simon",
        name="San Simón",
        title="el documento de requisitos de auxilios de la Cooperativa Multiactiva San Simón (sin fecha)",
        source="002_7ac2f55d1f70f749.txt",
        version="sin-fecha",
        effective_from=date(2000, 1, 1),
        chosen_by="requested_on",
        version_article="Documento sin fecha",
        seniority_at="event_date",
        smmlv_year_of="requested_on",
        smmlv_article="§ Requisitos de cada auxilio",
        budget_article="Documento de requisitos",
        benefits=BENEFITS,
        parameters=(
            ParameterSpec(
                name="desempleo_amount",
                label="Valor del auxilio de desempleo",
                article="§ Desempleo",
                set_by="el Comité de solidaridad",
            ),
        ),
        readings=(
            "El documento no tiene fecha ni artículos: se cita por secciones y se toma como vigente para toda "
            "radicación (desde el 1 de enero de 2000 en el portal) hasta que la cooperativa entregue otra versión.",
            "Antigüedad: «el asociado no podrá solicitar auxilios de hechos acontecidos antes de 12 meses de "
            "estar vinculado» (nota final): los 12 meses y las bandas se miden a la fecha del evento.",
            "Plazo: 60 días hábiles contados desde el día siguiente al evento; no cuentan sábados, domingos ni "
            "festivos colombianos.",
            MONTHS_READING,
            GAP_73_READING,
            FUNERAL_READING,
            INCAPACITY_READING,
            GPA_READING,
            SMMLV_READING,
            SUSPENDED_READING,
            CAP_READING,
            APPROVER_READING,
            "La frase «alerta para informar al consejo de administración» de la nota final no fija una regla "
            "que se pueda aplicar: se muestra al personal y no cambia el cálculo.",
            "El «servicio fúnebre adicional» es un plan pagado por el asociado, no un auxilio: no está en el catálogo.",
            "El bono «sello 100 % cooperativo» lo otorga el Consejo por reconocimiento anual: no está en el catálogo.",
        ),
    ),
)
