FROM python:3.13-slim
# WeasyPrint needs Pango; psycopg uses its binary wheel.
RUN apt-get update && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.lock .
RUN pip install --no-cache-dir -r requirements.lock
COPY . .
RUN useradd --create-home auxilios && mkdir -p /srv/media /app/var && chown auxilios /srv/media /app/var
USER auxilios
EXPOSE 8000
