# factbot: the Telegram bot. Build: docker build -t factbot .
# Run:   docker run -e TELEGRAM_BOT_TOKEN=... -v factbot-data:/data factbot
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    FACTBOT_DATA_DIR=/data \
    FACTBOT_CACHE_DIR=/data/cache

RUN useradd --create-home --uid 10001 factbot \
    && mkdir -p /data \
    && chown factbot /data

WORKDIR /app

# Dependencies first, in their own layer, so a change to the pack does not reinstall them.
COPY pyproject.toml README.md ./
RUN mkdir -p bot knowledge intents \
    && touch bot/__init__.py \
    && pip install . \
    && pip uninstall --yes factbot

COPY bot ./bot
COPY knowledge ./knowledge
COPY intents ./intents
RUN pip install --no-deps . \
    && factbot check

USER 10001
VOLUME ["/data"]
EXPOSE 8443
CMD ["factbot", "run"]
