"""Every interface string the bot says, in English, Turkish, Russian and Kazakh."""

from __future__ import annotations

from collections.abc import Mapping

from bot.core.models import LANGUAGES

_STRINGS: Mapping[str, Mapping[str, str]] = {
    "welcome": {
        "en": "Hello! I answer questions about Turkey–Kazakhstan relations. "
        "Every answer comes with its date and its source. Try for example:",
        "tr": "Merhaba! Türkiye–Kazakistan ilişkileri hakkındaki soruları yanıtlıyorum. "
        "Her yanıtın tarihi ve kaynağı vardır. Örneğin şunları sorabilirsiniz:",
        "ru": "Здравствуйте! Я отвечаю на вопросы о турецко-казахстанских отношениях. "
        "У каждого ответа есть дата и источник. Например, спросите:",
        "kk": "Сәлеметсіз бе! Мен Түркия мен Қазақстан қарым-қатынасы туралы сұрақтарға "
        "жауап беремін. Әр жауаптың күні мен дереккөзі бар. Мысалы, сұраңыз:",
    },
    "help": {
        "en": "Ask me a question in English, Turkish, Russian or Kazakh.\n\n"
        "/ask question: ask (also in groups)\n"
        "/timeline [year or topic]: facts in date order\n"
        "/sources: the sources I use\n"
        "/about: about this bot\n\n"
        "In a group, write /ask with your question or reply to one of my messages.",
        "tr": "Bana Türkçe, İngilizce, Rusça veya Kazakça soru sorun.\n\n"
        "/ask soru: soru sorun (gruplarda da)\n"
        "/timeline [yıl veya konu]: olaylar tarih sırasıyla\n"
        "/sources: kullandığım kaynaklar\n"
        "/about: bu bot hakkında\n\n"
        "Grupta /ask ile sorunuzu yazın veya mesajlarımdan birine yanıt verin.",
        "ru": "Задайте вопрос на русском, казахском, турецком или английском.\n\n"
        "/ask вопрос: задать вопрос (и в группах)\n"
        "/timeline [год или тема]: факты по датам\n"
        "/sources: мои источники\n"
        "/about: об этом боте\n\n"
        "В группе напишите /ask и вопрос или ответьте на одно из моих сообщений.",
        "kk": "Маған қазақ, орыс, түрік немесе ағылшын тілінде сұрақ қойыңыз.\n\n"
        "/ask сұрақ: сұрақ қою (топтарда да)\n"
        "/timeline [жыл немесе тақырып]: деректер күн ретімен\n"
        "/sources: менің дереккөздерім\n"
        "/about: бот туралы\n\n"
        "Топта /ask деп сұрағыңызды жазыңыз немесе менің хабарыма жауап беріңіз.",
    },
    "unknown": {
        "en": "I don't know that yet. I can answer questions like these:",
        "tr": "Bunu henüz bilmiyorum. Şu gibi soruları yanıtlayabilirim:",
        "ru": "Этого я пока не знаю. Я могу ответить, например, на такие вопросы:",
        "kk": "Мұны әзірге білмеймін. Мысалы, мына сұрақтарға жауап бере аламын:",
    },
    "did_you_mean": {
        "en": "Did you mean:",
        "tr": "Bunu mu demek istediniz:",
        "ru": "Возможно, вы имели в виду:",
        "kk": "Мүмкін, сіз мұны сұрадыңыз:",
    },
    "date": {"en": "Date", "tr": "Tarih", "ru": "Дата", "kk": "Күні"},
    "source": {"en": "Source", "tr": "Kaynak", "ru": "Источник", "kk": "Дереккөз"},
    "also": {"en": "Also", "tr": "Ayrıca", "ru": "Также", "kk": "Сондай-ақ"},
    "sources_label": {"en": "Sources", "tr": "Kaynaklar", "ru": "Источники", "kk": "Дереккөздер"},
    "disagree": {
        "en": "Another source says otherwise:",
        "tr": "Başka bir kaynak farklı diyor:",
        "ru": "Другой источник говорит иначе:",
        "kk": "Басқа дереккөз басқаша айтады:",
    },
    "disputed": {"en": "disputed", "tr": "tartışmalı", "ru": "спорно", "kk": "даулы"},
    "timeline": {
        "en": "Timeline",
        "tr": "Zaman çizelgesi",
        "ru": "Хронология",
        "kk": "Хронология",
    },
    "timeline_empty": {
        "en": "No dated facts match that. Try /timeline or /timeline 2012.",
        "tr": "Buna uyan tarihli bilgi yok. /timeline veya /timeline 2012 deneyin.",
        "ru": "Нет датированных фактов по этому запросу. Попробуйте /timeline или /timeline 2012.",
        "kk": "Бұған сәйкес күні бар дерек жоқ. /timeline немесе /timeline 2012 көріңіз.",
    },
    "sources_title": {
        "en": "Sources",
        "tr": "Kaynaklar",
        "ru": "Источники",
        "kk": "Дереккөздер",
    },
    "page": {
        "en": "Page {page} of {pages}",
        "tr": "Sayfa {page}/{pages}",
        "ru": "Страница {page} из {pages}",
        "kk": "{pages} беттің {page}-беті",
    },
    "prev": {"en": "‹ Back", "tr": "‹ Geri", "ru": "‹ Назад", "kk": "‹ Артқа"},
    "next": {"en": "Next ›", "tr": "İleri ›", "ru": "Далее ›", "kk": "Әрі қарай ›"},
    "about": {
        "en": "factbot answers questions about Turkey–Kazakhstan relations from {facts} "
        "curated facts and {sources} published sources, written in our own words. "
        "Every answer shows its date and its source. Version {version}.",
        "tr": "factbot, Türkiye–Kazakistan ilişkileri hakkındaki soruları {facts} derlenmiş "
        "bilgi ve {sources} yayımlanmış kaynaktan, kendi sözlerimizle yanıtlar. "
        "Her yanıt tarihini ve kaynağını gösterir. Sürüm {version}.",
        "ru": "factbot отвечает на вопросы о турецко-казахстанских отношениях по {facts} "
        "проверенным фактам и {sources} опубликованным источникам, своими словами. "
        "У каждого ответа указаны дата и источник. Версия {version}.",
        "kk": "factbot Түркия мен Қазақстан қарым-қатынасы туралы сұрақтарға {facts} "
        "іріктелген дерек пен {sources} жарияланған дереккөз негізінде өз сөзімізбен "
        "жауап береді. Әр жауаптың күні мен дереккөзі көрсетіледі. Нұсқа {version}.",
    },
    "slow_down": {
        "en": "You are sending messages too fast. Please wait a minute, then ask again.",
        "tr": "Çok hızlı mesaj gönderiyorsunuz. Lütfen bir dakika bekleyip tekrar sorun.",
        "ru": "Вы отправляете сообщения слишком часто. Подождите минуту и спросите снова.",
        "kk": "Хабарларды тым жиі жіберіп жатырсыз. Бір минут күтіп, қайта сұраңыз.",
    },
    "error": {
        "en": "Sorry, something went wrong on my side. Please try again in a moment.",
        "tr": "Üzgünüm, bir sorun oluştu. Lütfen biraz sonra tekrar deneyin.",
        "ru": "Извините, у меня что-то пошло не так. Попробуйте ещё раз чуть позже.",
        "kk": "Кешіріңіз, менде бір ақау болды. Сәлден кейін қайта көріңіз.",
    },
    "reload_ok": {
        "en": "Knowledge reloaded: {facts} facts, {intents} intents, {sources} sources.",
        "tr": "Bilgi yeniden yüklendi: {facts} bilgi, {intents} niyet, {sources} kaynak.",
        "ru": "Знания перезагружены: фактов {facts}, интентов {intents}, источников {sources}.",
        "kk": "Білім қайта жүктелді: {facts} дерек, {intents} интент, {sources} дереккөз.",
    },
    "reload_failed": {
        "en": "The pack on disk has {count} problem(s); the previous pack keeps serving. "
        "Fix them and run /reload again:",
        "tr": "Diskteki pakette {count} sorun var; önceki paket çalışmaya devam ediyor. "
        "Düzeltip /reload komutunu yeniden çalıştırın:",
        "ru": "В пакете на диске проблем: {count}; продолжает работать прежний пакет. "
        "Исправьте их и снова выполните /reload:",
        "kk": "Дискідегі пакетте {count} ақау бар; бұрынғы пакет жұмысын жалғастырады. "
        "Оларды түзетіп, /reload командасын қайта орындаңыз:",
    },
    "group_note_privacy": {
        "en": "Hello! To ask me something here, write /ask and your question, "
        "or reply to one of my messages.",
        "tr": "Merhaba! Bana burada soru sormak için /ask yazıp sorunuzu ekleyin "
        "veya mesajlarımdan birine yanıt verin.",
        "ru": "Здравствуйте! Чтобы спросить меня здесь, напишите /ask и вопрос "
        "или ответьте на одно из моих сообщений.",
        "kk": "Сәлеметсіз бе! Маған мұнда сұрақ қою үшін /ask деп сұрағыңызды жазыңыз "
        "немесе менің хабарыма жауап беріңіз.",
    },
    "group_note_open": {
        "en": "Hello! To ask me something here, write /ask and your question, mention me, "
        "or reply to one of my messages.",
        "tr": "Merhaba! Bana burada soru sormak için /ask yazıp sorunuzu ekleyin, "
        "beni etiketleyin veya mesajlarımdan birine yanıt verin.",
        "ru": "Здравствуйте! Чтобы спросить меня здесь, напишите /ask и вопрос, "
        "упомяните меня или ответьте на одно из моих сообщений.",
        "kk": "Сәлеметсіз бе! Маған мұнда сұрақ қою үшін /ask деп сұрағыңызды жазыңыз, "
        "мені атаңыз немесе менің хабарыма жауап беріңіз.",
    },
    "ask_usage": {
        "en": "Write your question after /ask, for example: "
        "/ask When was the strategic partnership signed?",
        "tr": "Sorunuzu /ask komutundan sonra yazın, örneğin: "
        "/ask Stratejik ortaklık ne zaman imzalandı?",
        "ru": "Напишите вопрос после /ask, например: "
        "/ask Когда подписали стратегическое партнерство?",
        "kk": "Сұрағыңызды /ask командасынан кейін жазыңыз, мысалы: "
        "/ask Стратегиялық серіктестік қашан қол қойылды?",
    },
    "button_expired": {
        "en": "This button is out of date. Please ask your question again.",
        "tr": "Bu düğme artık geçerli değil. Lütfen sorunuzu yeniden sorun.",
        "ru": "Эта кнопка устарела. Пожалуйста, задайте вопрос ещё раз.",
        "kk": "Бұл батырма ескірген. Сұрағыңызды қайта қойыңыз.",
    },
    "non_text": {
        "en": "I can only read text. Please type your question.",
        "tr": "Yalnızca metin okuyabiliyorum. Lütfen sorunuzu yazın.",
        "ru": "Я понимаю только текст. Пожалуйста, напишите вопрос.",
        "kk": "Мен тек мәтінді оқи аламын. Сұрағыңызды жазыңыз.",
    },
    "unknown_command": {
        "en": "I don't know that command. /help lists what I can do.",
        "tr": "Bu komutu bilmiyorum. /help neler yapabileceğimi gösterir.",
        "ru": "Я не знаю такой команды. /help покажет, что я умею.",
        "kk": "Мен бұл команданы білмеймін. /help не істей алатынымды көрсетеді.",
    },
    "greeting": {
        "en": "Hello! Ask me about Turkey–Kazakhstan relations.",
        "tr": "Merhaba! Bana Türkiye–Kazakistan ilişkilerini sorun.",
        "ru": "Здравствуйте! Спросите меня о турецко-казахстанских отношениях.",
        "kk": "Сәлеметсіз бе! Менен Түркия мен Қазақстан қарым-қатынасы туралы сұраңыз.",
    },
    "thanks": {
        "en": "You're welcome!",
        "tr": "Rica ederim!",
        "ru": "Пожалуйста!",
        "kk": "Оқасы жоқ!",
    },
    "bye": {
        "en": "Goodbye! Come back with more questions.",
        "tr": "Hoşça kalın! Başka sorularınız olursa yine bekleriz.",
        "ru": "До свидания! Приходите с новыми вопросами.",
        "kk": "Сау болыңыз! Жаңа сұрақтармен келіңіз.",
    },
    "inline_hint": {
        "en": "Ask about Turkey–Kazakhstan relations",
        "tr": "Türkiye–Kazakistan ilişkileri hakkında sorun",
        "ru": "Спросите о турецко-казахстанских отношениях",
        "kk": "Түркия–Қазақстан қарым-қатынасы туралы сұраңыз",
    },
    "cmd_start": {
        "en": "Start and see examples",
        "tr": "Başla ve örnekleri gör",
        "ru": "Начать и посмотреть примеры",
        "kk": "Бастау және мысалдар",
    },
    "cmd_help": {
        "en": "How to ask",
        "tr": "Nasıl sorulur",
        "ru": "Как задать вопрос",
        "kk": "Қалай сұрау керек",
    },
    "cmd_ask": {"en": "Ask a question", "tr": "Soru sor", "ru": "Задать вопрос", "kk": "Сұрақ қою"},
    "cmd_timeline": {
        "en": "Facts in date order",
        "tr": "Tarih sırasıyla bilgiler",
        "ru": "Факты по датам",
        "kk": "Деректер күн ретімен",
    },
    "cmd_sources": {"en": "The sources", "tr": "Kaynaklar", "ru": "Источники", "kk": "Дереккөздер"},
    "cmd_about": {
        "en": "About this bot",
        "tr": "Bu bot hakkında",
        "ru": "Об этом боте",
        "kk": "Бот туралы",
    },
}


def message(key: str, language: str, **fields: object) -> str:
    """The interface string `key` in `language` (English when missing), with fields filled in."""
    variants = _STRINGS[key]
    template = variants.get(language) or variants["en"]
    return template.format(**fields) if fields else template


def keys() -> frozenset[str]:
    """Every message key (for tests that check all four languages are present)."""
    return frozenset(_STRINGS)


def pick_language(code: str | None) -> str:
    """Our language for a Telegram `language_code` (`tr`, `ru-RU`, `kk`), else English."""
    prefix = (code or "").split("-")[0].split("_")[0].lower()
    return prefix if prefix in LANGUAGES else "en"
