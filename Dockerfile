FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 GUICHET_ENV=production
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
    libharfbuzz-subset0 libmagic1 fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml ./
RUN pip install --no-cache-dir .
COPY . .
RUN SECRET_KEY=build-only-not-a-secret-build-only-not-a-secret-xyz0123 ALLOWED_HOSTS=build \
    CACHE_URL=rediscache://build:6379/0 CLAMD_URL=tcp://build:3310 \
    DOCUMENTS_KEYS=$(python -c "import base64, os; print(base64.urlsafe_b64encode(os.urandom(32)).decode())") \
    python manage.py collectstatic --noinput
RUN useradd --create-home guichet && mkdir -p /data/documents \
 && chown guichet /data/documents && chmod 700 /data/documents
USER guichet
EXPOSE 8000
CMD ["gunicorn", "portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
